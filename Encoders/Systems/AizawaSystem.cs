namespace NeuroDeploy.Encoders.Systems;

/// <summary>
/// Aizawa system: x' = (z - b) x - d y, y' = d x + (z - b) y,
/// z' = c + a z - z^3 / 3 - (x^2 + y^2)(1 + e z) + f z x^3. Divergence is state-dependent.
/// </summary>
public sealed class AizawaSystem(double a, double b, double c, double d, double e, double f) : IDynamicalSystem
{
    public double A { get; } = a;

    public double B { get; } = b;

    public double C { get; } = c;

    public double D { get; } = d;

    public double E { get; } = e;

    public double F { get; } = f;

    public string Name => "aizawa";

    public double? ConstantDivergence => null;

    public State3 Derivative(double time, in State3 state)
    {
        var (x, y, z) = state;
        return new State3(
            ((z - B) * x) - (D * y),
            (D * x) + ((z - B) * y),
            C + (A * z) - (z * z * z / 3) - (((x * x) + (y * y)) * (1 + (E * z))) + (F * z * (x * x * x)));
    }

    public void Jacobian(double time, in State3 state, Span<double> jacobian)
    {
        var (x, y, z) = state;
        jacobian[0] = z - B;
        jacobian[1] = -D;
        jacobian[2] = x;
        jacobian[3] = D;
        jacobian[4] = z - B;
        jacobian[5] = y;
        jacobian[6] = (-2 * x * (1 + (E * z))) + (3 * F * z * x * x);
        jacobian[7] = -2 * y * (1 + (E * z));
        jacobian[8] = A - (z * z) - (E * ((x * x) + (y * y))) + (F * x * x * x);
    }
}
