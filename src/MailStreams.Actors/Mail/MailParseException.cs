namespace MailStreams.Mail;

/// <summary>
/// Raised when input cannot become an <see cref="Email"/>: not a message at all, no From, a Resend answer without an id.
/// The message says what was wrong; ingress turns it into a 4xx or a dead record, never a crash.
/// </summary>
public sealed class MailParseException : Exception
{
    public MailParseException(string message) : base(message) { }

    public MailParseException(string message, Exception inner) : base(message, inner) { }
}
