namespace NeuroDeploy.Compiler.Mapping;

/// <summary>A contiguous range of one population's neurons placed on one core.</summary>
public sealed record CoreAssignment(int Core, int Population, int Offset, int Count, int Synapses, int Axons);
