namespace MailStreams.Testing.Crash;

/// <summary>
/// One crash run: <paramref name="Emails"/> emails driven through the Resend path while the daemon is killed with
/// SIGKILL <paramref name="Kills"/> times at random moments (chosen by <paramref name="Seed"/>).
/// <paramref name="DaemonDll"/> is <c>mailstreams.dll</c>; <paramref name="DataDirectory"/> must be empty.
/// </summary>
internal sealed record CrashRunOptions(int Emails, int Kills, int Seed, string DaemonDll, string DataDirectory)
{
    /// <summary>Webhook deliveries posted at once.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Each delivery worker's pause between emails: by default ingest spans about half of the kills.</summary>
    public TimeSpan DeliveryPause => TimeSpan.FromSeconds(Math.Min(0.5, Kills * 1.5 * Concurrency / Math.Max(1, Emails)));

    /// <summary>The daemon's send rate, low enough that sending spans several kills.</summary>
    public double SendRatePerSecond { get; init; } = 100;

    /// <summary>A kill comes this long (uniformly random) after the daemon sent its first reply since it started.</summary>
    public TimeSpan MinUptime { get; init; } = TimeSpan.Zero;
    public TimeSpan MaxUptime { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Print what each daemon logged (warnings and errors) when it is killed.</summary>
    public bool Verbose { get; init; }

    /// <summary>How long the last daemon gets to answer everything after the last kill.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The problems with these values, empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Emails < 1) problems.Add($"--emails must be at least 1 (got {Emails})");
        if (Kills < 0) problems.Add($"--kills must not be negative (got {Kills})");
        if (Concurrency < 1) problems.Add($"concurrency must be at least 1 (got {Concurrency})");
        if (!File.Exists(DaemonDll)) problems.Add($"the daemon {DaemonDll} does not exist");
        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
            problems.Add($"the data directory {DataDirectory} is not empty");
        return problems;
    }
}
