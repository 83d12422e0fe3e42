namespace MailStreams.DeadLetters;

/// <summary>One record of a <c>dead/*</c> stream as the operator sees it: where it is, why it died, and what was done about it.</summary>
public sealed record DeadLetter(string Stream, long SeqNum, DateTimeOffset DiedAt, string Status, string? Reason, string? IdempotencyKey, string? SourceStream);
