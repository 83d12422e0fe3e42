namespace MailStreams.Tools.Sync;

/// <summary>A tools version on disk: its folder and revision (Git commit SHA, or the content hash of a plain folder).</summary>
internal sealed record ToolCheckout(string Folder, string Revision);
