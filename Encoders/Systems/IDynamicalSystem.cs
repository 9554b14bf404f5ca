namespace NeuroDeploy.Encoders.Systems;

/// <summary>An autonomous or driven 3-D vector field with its analytic Jacobian.</summary>
public interface IDynamicalSystem
{
    /// <summary>SPEC name of the system.</summary>
    string Name { get; }

    /// <summary>Divergence (trace of the Jacobian) when it is the same at every state, else null.</summary>
    double? ConstantDivergence { get; }

    /// <summary>Returns the time derivative (x', y', z') at <paramref name="state"/>.</summary>
    State3 Derivative(double time, in State3 state);

    /// <summary>Writes the Jacobian d(x', y', z')/d(x, y, z) at <paramref name="state"/>, row-major 3 x 3.</summary>
    void Jacobian(double time, in State3 state, Span<double> jacobian);
}
