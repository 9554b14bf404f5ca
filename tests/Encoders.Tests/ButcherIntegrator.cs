namespace NeuroDeploy.Encoders.Tests;

/// <summary>
/// Independent explicit Runge-Kutta integrator over a Butcher tableau, written apart from the production
/// integrator (generic stages, vectors as arrays, y + h sum b_i k_i) to check it.
/// </summary>
internal sealed class ButcherIntegrator(double[][] a, double[] b, double[] c)
{
    public static ButcherIntegrator ClassicRk4 { get; } = new(
        [[], [0.5], [0, 0.5], [0, 0, 1]],
        [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6],
        [0, 0.5, 0.5, 1]);

    public static ButcherIntegrator ForwardEuler { get; } = new([[]], [1.0], [0]);

    /// <summary>Returns the stepCount + 1 states from <paramref name="start"/>, step i at time i h.</summary>
    public double[][] Integrate(Func<double, double[], double[]> field, double[] start, double h, int stepCount)
    {
        var states = new double[stepCount + 1][];
        states[0] = (double[])start.Clone();
        for (var i = 0; i < stepCount; i++)
        {
            var y = states[i];
            var t = i * h;
            var k = new double[b.Length][];
            for (var stage = 0; stage < b.Length; stage++)
            {
                var stageState = (double[])y.Clone();
                for (var j = 0; j < stage; j++)
                {
                    for (var n = 0; n < y.Length; n++)
                    {
                        stageState[n] += h * a[stage][j] * k[j][n];
                    }
                }

                k[stage] = field(t + (c[stage] * h), stageState);
            }

            var next = (double[])y.Clone();
            for (var n = 0; n < y.Length; n++)
            {
                var increment = 0.0;
                for (var stage = 0; stage < b.Length; stage++)
                {
                    increment += b[stage] * k[stage][n];
                }

                next[n] += h * increment;
            }

            states[i + 1] = next;
        }

        return states;
    }
}
