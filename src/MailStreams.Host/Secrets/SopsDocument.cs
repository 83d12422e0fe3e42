namespace MailStreams.Host.Secrets;

/// <summary>A SOPS file as stored: its values in document order (encrypted or not) and the <c>sops</c> metadata block.</summary>
internal sealed record SopsDocument(IReadOnlyList<SopsEntry> Entries, SopsMetadata Metadata);

/// <summary>One leaf value and the keys that lead to it.</summary>
internal sealed record SopsEntry(IReadOnlyList<string> Path, string Value)
{
    public string Key => string.Join(":", Path);
}

/// <summary>The <c>sops</c> block: the data key wrapped for each age recipient, the time of the last change and the encrypted MAC.</summary>
internal sealed record SopsMetadata(IReadOnlyList<AgeStanza> Age, string LastModified, string Mac, string UnencryptedSuffix, string Version)
{
    public const string DefaultUnencryptedSuffix = "_unencrypted";
    public const string FormatVersion = "3.9.0";
}

/// <summary>The data key encrypted to one age recipient (armored).</summary>
internal sealed record AgeStanza(string Recipient, string Enc);
