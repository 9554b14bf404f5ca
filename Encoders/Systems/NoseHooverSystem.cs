namespace NeuroDeploy.Encoders.Systems;

/// <summary>Nosé-Hoover oscillator: x' = y, y' = -x - y z, z' = y^2 - a. Divergence -z (state-dependent).</summary>
public sealed class NoseHooverSystem(double a) : IDynamicalSystem
{
    public double A { get; } = a;

    public string Name => "nose-hoover";

    public double? ConstantDivergence => null;

    public State3 Derivative(double time, in State3 state)
    {
        var (x, y, z) = state;
        return new State3(y, -x - (y * z), (y * y) - A);
    }

    public void Jacobian(double time, in State3 state, Span<double> jacobian)
    {
        var (_, y, z) = state;
        jacobian[0] = 0;
        jacobian[1] = 1;
        jacobian[2] = 0;
        jacobian[3] = -1;
        jacobian[4] = -z;
        jacobian[5] = -y;
        jacobian[6] = 0;
        jacobian[7] = 2 * y;
        jacobian[8] = 0;
    }
}
