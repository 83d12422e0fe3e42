namespace MailStreams.Tools;

/// <summary>
/// The resource limits every tool call runs under (one fresh Jint engine per call). Bound from configuration;
/// <see cref="Validate"/> rejects values that would switch a limit off or make it useless.
/// </summary>
internal sealed record ToolLimits
{
    /// <summary>Wall-clock budget of one call: module import, the tool itself and any awaited promise.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Statements one call may execute (a deterministic stop for runaway loops).</summary>
    public int MaxStatements { get; init; } = 10_000_000;

    /// <summary>Bytes one call may allocate.</summary>
    public long MemoryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Maximum depth of JS calls; always set, since unbounded recursion would kill the process.</summary>
    public int RecursionDepth { get; init; } = 256;

    public static ToolLimits Default { get; } = new();

    /// <summary>Every problem with these values, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            problems.Add($"Timeout must be between 0 and 5 minutes (got {Timeout})");
        if (MaxStatements < 1_000)
            problems.Add($"MaxStatements must be at least 1000 (got {MaxStatements})");
        if (MemoryBytes < 4L * 1024 * 1024 || MemoryBytes > 4L * 1024 * 1024 * 1024)
            problems.Add($"MemoryBytes must be between 4 MB and 4 GB (got {MemoryBytes})");
        if (RecursionDepth < 16 || RecursionDepth > ToolThreads.MaxRecursionDepth)
            problems.Add($"RecursionDepth must be between 16 and {ToolThreads.MaxRecursionDepth} (got {RecursionDepth})");
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem; returns this when valid.</summary>
    public ToolLimits Validate()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException("invalid tool limits: " + string.Join("; ", problems));
    }
}
