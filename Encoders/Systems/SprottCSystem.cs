namespace NeuroDeploy.Encoders.Systems;

/// <summary>Sprott case C: x' = y z, y' = x - y, z' = 1 - a x^2. Divergence -1.</summary>
public sealed class SprottCSystem(double a) : IDynamicalSystem
{
    public double A { get; } = a;

    public string Name => "sprott-c";

    public double? ConstantDivergence => -1;

    public State3 Derivative(double time, in State3 state)
    {
        var (x, y, z) = state;
        return new State3(y * z, x - y, 1 - (A * x * x));
    }

    public void Jacobian(double time, in State3 state, Span<double> jacobian)
    {
        var (x, y, z) = state;
        jacobian[0] = 0;
        jacobian[1] = z;
        jacobian[2] = y;
        jacobian[3] = 1;
        jacobian[4] = -1;
        jacobian[5] = 0;
        jacobian[6] = -2 * A * x;
        jacobian[7] = 0;
        jacobian[8] = 0;
    }
}
