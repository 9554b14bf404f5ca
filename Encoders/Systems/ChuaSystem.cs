namespace NeuroDeploy.Encoders.Systems;

/// <summary>
/// Chua's circuit: x' = a (y - x - g(x)), y' = x - y + z, z' = -b y - c z, with the piecewise-linear diode
/// g(x) = m1 x + (m0 - m1)(|x + 1| - |x - 1|) / 2. Divergence -a (1 + g'(x)) - 1 - c depends on |x| &lt; 1.
/// </summary>
public sealed class ChuaSystem(double a, double b, double c, double m0, double m1) : IDynamicalSystem
{
    public double A { get; } = a;

    public double B { get; } = b;

    public double C { get; } = c;

    public double M0 { get; } = m0;

    public double M1 { get; } = m1;

    public string Name => "chua";

    public double? ConstantDivergence => null;

    public State3 Derivative(double time, in State3 state)
    {
        var (x, y, z) = state;
        var diode = (M1 * x) + (0.5 * (M0 - M1) * (Math.Abs(x + 1) - Math.Abs(x - 1)));
        return new State3(A * (y - x - diode), x - y + z, (-B * y) - (C * z));
    }

    public void Jacobian(double time, in State3 state, Span<double> jacobian)
    {
        // g'(x) is m0 for |x| < 1 and m1 outside. At the corners x = -1 and x = 1 the outer slope m1 is used;
        // a trajectory crosses them in isolated instants, so the choice does not change the Lyapunov sums.
        var slope = Math.Abs(state.X) < 1 ? M0 : M1;
        jacobian[0] = -A * (1 + slope);
        jacobian[1] = A;
        jacobian[2] = 0;
        jacobian[3] = 1;
        jacobian[4] = -1;
        jacobian[5] = 1;
        jacobian[6] = 0;
        jacobian[7] = -B;
        jacobian[8] = -C;
    }
}
