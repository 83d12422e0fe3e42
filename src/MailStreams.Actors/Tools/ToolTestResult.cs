namespace MailStreams.Tools;

/// <summary>The verdict on one <c>$TESTS</c> case; <see cref="Message"/> says what differed when it failed.</summary>
internal sealed record ToolTestResult(int Index, string Name, bool Passed, string Message)
{
    public override string ToString() => $"{(Passed ? "pass" : "FAIL")} {Name}{(Passed ? "" : ": " + Message)}";
}
