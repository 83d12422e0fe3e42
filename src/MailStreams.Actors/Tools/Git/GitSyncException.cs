namespace MailStreams.Tools.Git;

/// <summary>A fetch or clone of the tools repository that failed (network, authentication, unknown branch, …).</summary>
internal sealed class GitSyncException(string message, Exception? inner = null) : Exception(message, inner);
