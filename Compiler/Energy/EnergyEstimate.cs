namespace NeuroDeploy.Compiler.Energy;

/// <summary>
/// An energy estimate: each term is a count times the profile's energy per operation, with the
/// source of that figure. <see cref="DenseAnnJoules"/> is the same network run once as a dense ANN.
/// </summary>
public sealed record EnergyEstimate(
    string Profile,
    double TotalJoules,
    IReadOnlyDictionary<string, double> BreakdownJoules,
    IReadOnlyDictionary<string, string> Sources,
    double RunSeconds,
    long DenseAnnMultiplyAccumulates,
    double DenseAnnJoules);
