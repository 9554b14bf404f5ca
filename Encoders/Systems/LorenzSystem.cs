namespace NeuroDeploy.Encoders.Systems;

/// <summary>Lorenz system: x' = sigma (y - x), y' = x (rho - z) - y, z' = x y - beta z. Divergence -(sigma + 1 + beta).</summary>
public sealed class LorenzSystem(double sigma, double rho, double beta) : IDynamicalSystem
{
    public double Sigma { get; } = sigma;

    public double Rho { get; } = rho;

    public double Beta { get; } = beta;

    public string Name => "lorenz";

    public double? ConstantDivergence => -(Sigma + 1 + Beta);

    public State3 Derivative(double time, in State3 state)
    {
        var (x, y, z) = state;
        return new State3(Sigma * (y - x), (x * (Rho - z)) - y, (x * y) - (Beta * z));
    }

    public void Jacobian(double time, in State3 state, Span<double> jacobian)
    {
        var (x, y, z) = state;
        jacobian[0] = -Sigma;
        jacobian[1] = Sigma;
        jacobian[2] = 0;
        jacobian[3] = Rho - z;
        jacobian[4] = -1;
        jacobian[5] = -x;
        jacobian[6] = y;
        jacobian[7] = x;
        jacobian[8] = -Beta;
    }
}
