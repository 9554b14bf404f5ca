namespace NeuroDeploy.Encoders.Systems;

/// <summary>
/// Mixed (Duffing-type) oscillator of the Dynamical Alignment encoder:
/// x' = y, y' = -alpha x - beta x^3 - delta y + gamma z + drive cos(omega t), z' = -omega x - delta z + gamma x y.
/// Its divergence is -2 delta everywhere.
/// </summary>
public sealed class MixedOscillatorSystem(double alpha, double beta, double gamma, double delta, double omega, double drive)
    : IDynamicalSystem
{
    public double Alpha { get; } = alpha;

    public double Beta { get; } = beta;

    public double Gamma { get; } = gamma;

    public double Delta { get; } = delta;

    public double Omega { get; } = omega;

    public double Drive { get; } = drive;

    public string Name => "mixed-oscillator";

    // Adding 0.0 turns -0 (at delta = 0) into 0.
    public double? ConstantDivergence => (-2 * Delta) + 0.0;

    public State3 Derivative(double time, in State3 state)
    {
        var (x, y, z) = state;

        // Skipping the cosine when undriven changes no result, because adding 0 * cos(...) = 0 is exact.
        var forcing = Drive == 0 ? 0.0 : Drive * Math.Cos(Omega * time);
        return new State3(
            y,
            (-Alpha * x) - (Beta * (x * x * x)) - (Delta * y) + (Gamma * z) + forcing,
            (-Omega * x) - (Delta * z) + (Gamma * x * y));
    }

    public void Jacobian(double time, in State3 state, Span<double> jacobian)
    {
        var (x, y, _) = state;
        jacobian[0] = 0;
        jacobian[1] = 1;
        jacobian[2] = 0;
        jacobian[3] = -Alpha - (3 * Beta * x * x);
        jacobian[4] = -Delta;
        jacobian[5] = Gamma;
        jacobian[6] = -Omega + (Gamma * y);
        jacobian[7] = Gamma * x;
        jacobian[8] = -Delta;
    }
}
