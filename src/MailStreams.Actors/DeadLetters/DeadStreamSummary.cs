namespace MailStreams.DeadLetters;

/// <summary>A <c>dead/*</c> stream with how many of its records are still waiting for a decision.</summary>
public sealed record DeadStreamSummary(string Stream, int Total, int Open);
