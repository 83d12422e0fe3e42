namespace MailStreams.Tools;

/// <summary>
/// A tools folder that cannot become a <see cref="ToolPackage"/>: missing entry file, syntax error, failing import,
/// top-level code that throws or runs out of limits, or a malformed <c>$TESTS</c>. The message names the file and,
/// where known, the line.
/// </summary>
internal sealed class ToolLoadException(string message, string? file = null, int? line = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The file (relative to the tools folder) the problem is in, when known.</summary>
    public string? File { get; } = file;

    /// <summary>The 1-based line of the problem, when known.</summary>
    public int? Line { get; } = line;
}
