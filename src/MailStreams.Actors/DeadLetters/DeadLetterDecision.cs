namespace MailStreams.DeadLetters;

/// <summary>The answer to a retry or drop: an HTTP status and a sentence saying what happened or why nothing did.</summary>
internal sealed record DeadLetterDecision(int Status, string Message);
