namespace MailStreams.Tools;

/// <summary>
/// A tools version that went through the activation gate: the loaded package when it may go live, else every
/// problem found (type errors with file and line, load errors, each failing <c>$TESTS</c> case), plus how long
/// each step took.
/// </summary>
internal sealed record ToolCandidate(
    string Revision,
    ToolPackage? Package,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ToolTestResult> Tests,
    TimeSpan Transpile,
    TimeSpan Load,
    TimeSpan TestRun)
{
    public bool Accepted => Package is not null;

    public string Timings =>
        $"transpile {Transpile.TotalMilliseconds:0} ms, load {Load.TotalMilliseconds:0} ms, {Tests.Count} tests {TestRun.TotalMilliseconds:0} ms";
}
