namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// One synapse in the fan-out table: the global index of its target neuron and its effective
/// weight <c>m &lt;&lt; e</c>, which fits in int32 because |m| &lt;= 2^15 and e &lt;= 15.
/// </summary>
internal readonly record struct Synapse(int Target, int Weight);
