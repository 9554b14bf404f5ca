using System.Globalization;
using NeuroDeploy.Encoders.Classical;
using NeuroDeploy.Encoders.Systems;

namespace NeuroDeploy.Encoders;

/// <summary>
/// The built-in encoders with their keys and defaults. Defaults of the dynamical systems follow the encoders of
/// the Dynamical Alignment reference code (repository chenxiachan/Dynamical_Alignment): h 0.01, tmax 2 and
/// T = 5 steps, except the mixed oscillator (tmax 8) and Chen (see <c>docs/encoders.md</c>).
/// </summary>
public static class EncoderCatalog
{
    private static readonly EncoderDefinition[] Definitions =
    [
        Dynamical(
            "lorenz",
            "Lorenz system, RK4",
            "rk4",
            2,
            [Real("sigma", 10, "Prandtl number"), Real("rho", 28, "Rayleigh number"), Real("beta", 2.667, "geometric factor")],
            s => new LorenzSystem(s.GetReal("sigma"), s.GetReal("rho"), s.GetReal("beta"))),
        Dynamical(
            "chen",
            "Chen system, RK4",
            "rk4",
            2,
            [Real("a", 35, "coupling"), Real("b", 3, "z damping"), Real("c", 28, "y gain")],
            s => new ChenSystem(s.GetReal("a"), s.GetReal("b"), s.GetReal("c"))),
        Dynamical(
            "rossler",
            "Rössler system, forward Euler",
            "euler",
            2,
            [Real("a", 0.2, "y gain"), Real("b", 0.2, "z offset"), Real("c", 5.7, "z threshold")],
            s => new RosslerSystem(s.GetReal("a"), s.GetReal("b"), s.GetReal("c"))),
        Dynamical(
            "aizawa",
            "Aizawa system, forward Euler",
            "euler",
            2,
            [
                Real("a", 0.95, "z gain"), Real("b", 0.7, "z offset of the rotation"), Real("c", 0.6, "z drive"),
                Real("d", 3.5, "rotation rate"), Real("e", 0.25, "radial z coupling"), Real("f", 0.1, "x^3 z coupling"),
            ],
            s => new AizawaSystem(
                s.GetReal("a"), s.GetReal("b"), s.GetReal("c"), s.GetReal("d"), s.GetReal("e"), s.GetReal("f"))),
        Dynamical(
            "nose-hoover",
            "Nosé-Hoover oscillator, RK4",
            "rk4",
            2,
            [Real("a", 1, "thermostat target of y^2")],
            s => new NoseHooverSystem(s.GetReal("a"))),
        Dynamical(
            "sprott-c",
            "Sprott case C, forward Euler",
            "euler",
            2,
            [Real("a", 3, "x^2 gain of z'")],
            s => new SprottCSystem(s.GetReal("a"))),
        Dynamical(
            "chua",
            "Chua's circuit, RK4",
            "rk4",
            2,
            [
                Real("a", 15.6, "x gain (alpha)"), Real("b", 28.58, "y feedback to z (beta)"),
                Real("c", 0, "z damping (gamma)"), Real("m0", -1.143, "inner diode slope"),
                Real("m1", -0.714, "outer diode slope"),
            ],
            s => new ChuaSystem(s.GetReal("a"), s.GetReal("b"), s.GetReal("c"), s.GetReal("m0"), s.GetReal("m1"))),
        Dynamical(
            "mixed-oscillator",
            "mixed (Duffing-type) oscillator of Dynamical Alignment, RK4; divergence -2 delta",
            "rk4",
            8,
            [
                Real("alpha", 2, "linear stiffness"), Real("beta", 0.1, "cubic stiffness"),
                Real("gamma", 0.1, "y-z coupling"), Real("omega", 1, "x-z coupling and drive frequency"),
                Real("drive", 0, "drive amplitude F"),
                new EncoderParameter("delta", ParameterKind.Real, null, "damping; < 0 expansive, > 0 dissipative"),
            ],
            s => new MixedOscillatorSystem(
                s.GetReal("alpha"),
                s.GetReal("beta"),
                s.GetReal("gamma"),
                s.GetReal("delta"),
                s.GetReal("omega"),
                s.GetReal("drive"))),
        Classical(
            "rate",
            "Bernoulli rate code, spike with probability |v| per step, counter-based SplitMix64",
            [Integer("seed", 0, 0, long.MaxValue, "random seed")],
            s => new RateEncoder(s)),
        Classical("latency", "one spike at step round((1 - |v|)(T - 1))", [], s => new LatencyEncoder(s)),
        Classical(
            "ttfs",
            "time to first spike: one spike at step min(floor((1 - |v|) T), T - 1), none for v = 0",
            [],
            s => new TtfsEncoder(s)),
        Classical(
            "delta",
            "delta modulation of the ramp from 0 to v, ON and OFF channels",
            [
                new EncoderParameter("threshold", ParameterKind.Real, "0.1", "change that triggers a spike")
                {
                    Minimum = 0,
                    MinimumExclusive = true,
                },
            ],
            s => new DeltaEncoder(s)),
        Classical(
            "phase",
            "phase code: the T-bit binary fraction of |v|, most significant bit first",
            [],
            s => new PhaseEncoder(s),
            maxSteps: PhaseEncoder.MaxSteps),
        Classical(
            "burst",
            "burst code: round(|v| nmax) spikes, isi steps apart from step 0",
            [
                Integer("nmax", 5, 1, int.MaxValue, "spikes at |v| = 1"),
                Integer("isi", 1, 1, int.MaxValue, "steps between spikes of a burst"),
            ],
            s => new BurstEncoder(s)),
    ];

    /// <summary>Largest number of output steps T that any encoder accepts.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>All encoders, sorted by name.</summary>
    public static IReadOnlyList<EncoderDefinition> All { get; } =
        Definitions.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Names of all encoders, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToArray();

    /// <summary>Names of the dynamical-system encoders, sorted.</summary>
    public static IReadOnlyList<string> DynamicalNames { get; } =
        All.Where(d => d.Kind == EncoderKind.Dynamical).Select(d => d.Name).ToArray();

    /// <summary>Returns the encoder named <paramref name="name"/>, or null.</summary>
    public static EncoderDefinition? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    private static EncoderDefinition Dynamical(
        string name,
        string description,
        string method,
        double tmax,
        EncoderParameter[] systemParameters,
        Func<EncoderSpec, IDynamicalSystem> createSystem)
    {
        EncoderParameter[] common =
        [
            new("method", ParameterKind.Choice, method, "integration scheme") { Choices = ["euler", "rk4"] },
            new("h", ParameterKind.Real, "0.01", "integration step") { Minimum = 0, MinimumExclusive = true },
            new("tmax", ParameterKind.Real, EncoderParameter.Format(tmax), "integration horizon")
            {
                Minimum = 0,
                MinimumExclusive = true,
            },
            Integer("steps", 5, 1, MaxSteps, "output time steps T"),
            new("limit", ParameterKind.Real, EncoderParameter.Format(1e12), "largest allowed |x|, |y|, |z| before the encoder fails")
            {
                Minimum = 0,
                MinimumExclusive = true,
            },
        ];
        return new EncoderDefinition(
            name,
            EncoderKind.Dynamical,
            description,
            [.. common, .. systemParameters],
            s => new DynamicalEncoder(s, createSystem(s)),
            createSystem);
    }

    private static EncoderDefinition Classical(
        string name,
        string description,
        EncoderParameter[] parameters,
        Func<EncoderSpec, IEncoder> create,
        int maxSteps = MaxSteps) =>
        new(
            name,
            EncoderKind.Classical,
            description,
            [Integer("steps", 5, 1, maxSteps, "output time steps T"), .. parameters],
            create);

    private static EncoderParameter Real(string key, double value, string description) =>
        new(key, ParameterKind.Real, EncoderParameter.Format(value), description);

    private static EncoderParameter Integer(string key, long value, long minimum, long maximum, string description) =>
        new(key, ParameterKind.WholeNumber, value.ToString(CultureInfo.InvariantCulture), description)
        {
            Minimum = minimum,
            Maximum = maximum,
        };
}
