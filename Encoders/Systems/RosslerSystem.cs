namespace NeuroDeploy.Encoders.Systems;

/// <summary>Rössler system: x' = -y - z, y' = x + a y, z' = b + z (x - c). Divergence a + x - c (state-dependent).</summary>
public sealed class RosslerSystem(double a, double b, double c) : IDynamicalSystem
{
    public double A { get; } = a;

    public double B { get; } = b;

    public double C { get; } = c;

    public string Name => "rossler";

    public double? ConstantDivergence => null;

    public State3 Derivative(double time, in State3 state)
    {
        var (x, y, z) = state;
        return new State3(-y - z, x + (A * y), B + (z * (x - C)));
    }

    public void Jacobian(double time, in State3 state, Span<double> jacobian)
    {
        var (x, _, z) = state;
        jacobian[0] = 0;
        jacobian[1] = -1;
        jacobian[2] = -1;
        jacobian[3] = 1;
        jacobian[4] = A;
        jacobian[5] = 0;
        jacobian[6] = z;
        jacobian[7] = 0;
        jacobian[8] = x - C;
    }
}
