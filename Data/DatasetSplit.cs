namespace NeuroDeploy.Data;

/// <summary>Which part of a dataset with a fixed train/test division to load.</summary>
public enum DatasetSplit
{
    /// <summary>The test set (Fashion-MNIST: 10,000 images, or the 1,000-image repository subset).</summary>
    Test,

    /// <summary>The training set (Fashion-MNIST: 60,000 images).</summary>
    Train,
}
