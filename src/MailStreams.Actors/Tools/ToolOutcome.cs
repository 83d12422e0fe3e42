using MailStreams.Mail;

namespace MailStreams.Tools;

/// <summary>The result of one tool call: a reply to send, no reply, or a failure (never an exception).</summary>
internal abstract record ToolOutcome
{
    private ToolOutcome() { }

    /// <summary>The tool returned a string or a reply object.</summary>
    public sealed record Replied(Reply Reply) : ToolOutcome;

    /// <summary>The tool returned null or undefined.</summary>
    public sealed record NoReply : ToolOutcome
    {
        public static NoReply Instance { get; } = new();
    }

    /// <summary>The tool threw, broke a limit, returned something unusable or does not exist.</summary>
    public sealed record Failed(string Error, bool TimedOut) : ToolOutcome;
}
