using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroDeploy.Compiler.Profiles;

/// <summary>
/// A chip's limits, bit widths, cycle costs and per-operation energies, read from
/// <c>profiles/NAME.json</c>.
/// </summary>
public sealed class HardwareProfile
{
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required int Cores { get; init; }

    public required int NeuronsPerCore { get; init; }

    public required int SynapsesPerCore { get; init; }

    public required int MaxFanIn { get; init; }

    public required int MaxFanOut { get; init; }

    public required int AxonsPerCore { get; init; }

    public required int WeightBits { get; init; }

    public required int MaxWeightExponent { get; init; }

    public required int StateBits { get; init; }

    public required int DecayFractionBits { get; init; }

    public required int InputBits { get; init; }

    public required int ThresholdTargetBits { get; init; }

    public required double ClockHz { get; init; }

    public required CycleCosts Cycles { get; init; }

    public required EnergyCosts Energy { get; init; }

    /// <summary>SHA-256 of the file's bytes, stored in images so a board can check it.</summary>
    [JsonIgnore]
    public byte[] Digest { get; private set; } = [];

    /// <summary>Loads a profile by name from the profiles folder, or from a path ending in .json.</summary>
    /// <exception cref="FileNotFoundException">No such profile; the message lists the available ones.</exception>
    public static HardwareProfile Load(string nameOrPath)
    {
        var path = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? nameOrPath
            : Path.Combine(ProfilesDirectory(), nameOrPath + ".json");
        if (!File.Exists(path))
        {
            var available = Directory.Exists(ProfilesDirectory())
                ? string.Join(", ", Directory.GetFiles(ProfilesDirectory(), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal))
                : "(profiles folder not found)";
            throw new FileNotFoundException(
                $"Hardware profile '{nameOrPath}' not found at {path}. Available profiles: {available}.", path);
        }

        var bytes = File.ReadAllBytes(path);
        HardwareProfile profile;
        try
        {
            profile = JsonSerializer.Deserialize<HardwareProfile>(bytes, ReadOptions)
                ?? throw new InvalidDataException($"Hardware profile {path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Hardware profile {path} is invalid: {ex.Message}", ex);
        }

        profile.Digest = SHA256.HashData(bytes);
        profile.Validate(path);
        return profile;
    }

    /// <summary>Finds the profiles folder: beside the program, or in the repository it was built from.</summary>
    public static string ProfilesDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "profiles");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "profiles");
            if (File.Exists(Path.Combine(dir.FullName, "neurodeploy.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return beside;
    }

    private void Validate(string path)
    {
        void Require(bool condition, string field, object value, string expected)
        {
            if (!condition)
            {
                throw new InvalidDataException(
                    $"Hardware profile {path}: {field} = {value} is invalid; expected {expected}.");
            }
        }

        Require(Cores > 0, "cores", Cores, "a positive count");
        Require(NeuronsPerCore > 0, "neurons_per_core", NeuronsPerCore, "a positive count");
        Require(SynapsesPerCore > 0, "synapses_per_core", SynapsesPerCore, "a positive count");
        Require(MaxFanIn > 0, "max_fan_in", MaxFanIn, "a positive count");
        Require(MaxFanOut > 0, "max_fan_out", MaxFanOut, "a positive count");
        Require(AxonsPerCore > 0, "axons_per_core", AxonsPerCore, "a positive count");
        Require(WeightBits is >= 2 and <= 16, "weight_bits", WeightBits, "2 to 16");
        Require(MaxWeightExponent is >= 0 and <= 15, "max_weight_exponent", MaxWeightExponent, "0 to 15");
        Require(StateBits is >= 8 and <= 48, "state_bits", StateBits, "8 to 48");
        Require(DecayFractionBits is >= 1 and <= 24, "decay_fraction_bits", DecayFractionBits, "1 to 24");
        Require(InputBits == 32, "input_bits", InputBits, "32");
        Require(ThresholdTargetBits > 0 && ThresholdTargetBits < StateBits - 1, "threshold_target_bits", ThresholdTargetBits, "between 1 and state_bits - 2");
        Require(ClockHz > 0, "clock_hz", ClockHz, "a positive frequency in Hz");
    }
}
