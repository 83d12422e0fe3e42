namespace MailStreams.DeadLetters;

/// <summary>One record of a <c>dead/*</c> stream as the operator sees it: where it is, why it died, and what was done about it.</summary>
public sealed record DeadLetter(string Stream, long SeqNum, DateTimeOffset DiedAt, string Status, string? Reason, string? IdempotencyKey, string? SourceStream);

/// <summary>A <c>dead/*</c> stream with how many of its records are still waiting for a decision.</summary>
public sealed record DeadStreamSummary(string Stream, int Total, int Open);
