using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MailStreams.Host.Secrets;

/// <summary>
/// A decrypted SOPS file in memory: its values in order, its recipients and data key. <see cref="Open"/> unwraps the
/// data key with an age identity, decrypts every value with its path as additional data and checks the MAC (SHA-512
/// over the values in order, encrypted with lastmodified as additional data); <see cref="Save"/> encrypts it all again
/// with fresh IVs, a new MAC and the data key wrapped for every recipient. Nothing is written until Save.
/// </summary>
internal sealed class SecretsFile
{
    private readonly byte[] _dataKey;
    private readonly List<(string[] Path, string Value)> _values;
    private readonly List<AgeStanza> _stanzas;
    private readonly string _unencryptedSuffix;

    private SecretsFile(byte[] dataKey, List<(string[], string)> values, List<AgeStanza> stanzas, string unencryptedSuffix)
    {
        _dataKey = dataKey;
        _values = values;
        _stanzas = stanzas;
        _unencryptedSuffix = unencryptedSuffix;
    }

    public IReadOnlyList<string> Recipients => _stanzas.Select(s => s.Recipient).ToArray();

    /// <summary>The values by key (nested keys joined with ':'), in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values => _values.Select(v => KeyValuePair.Create(string.Join(":", v.Path), v.Value)).ToArray();

    public static SecretsFile New(IEnumerable<string> recipients)
    {
        var file = new SecretsFile(RandomNumberGenerator.GetBytes(32), [], [], SopsMetadata.DefaultUnencryptedSuffix);
        foreach (var r in recipients) file.AddRecipient(r);
        return file;
    }

    public static SecretsFile Open(string path, AgeIdentity identity)
    {
        if (!File.Exists(path)) throw new SecretsException($"the secrets file {path} does not exist");
        var document = SopsFileFormat.Parse(File.ReadAllText(path), SopsFileFormat.IsJson(path));
        var dataKey = UnwrapDataKey(document.Metadata, identity);
        var values = new List<(string[], string)>();
        using var mac = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        foreach (var entry in document.Entries)
        {
            var plain = IsUnencrypted(entry.Path, document.Metadata.UnencryptedSuffix)
                ? entry.Value
                : SopsValue.Decrypt(entry.Value, dataKey, SopsValue.PathOf(entry.Path));
            mac.AppendData(Encoding.UTF8.GetBytes(plain));
            values.Add((entry.Path.ToArray(), plain));
        }
        var computed = Convert.ToHexString(mac.GetHashAndReset());
        string stored;
        try { stored = SopsValue.Decrypt(document.Metadata.Mac, dataKey, document.Metadata.LastModified); }
        catch (SecretsException) { throw new SecretsException($"{path}: the MAC does not decrypt (the file or its lastmodified was changed)"); }
        if (!string.Equals(stored, computed, StringComparison.OrdinalIgnoreCase))
            throw new SecretsException($"{path}: MAC mismatch: the values were changed, added, removed or reordered outside sops/mailstreams");
        return new SecretsFile(dataKey, values, document.Metadata.Age.ToList(), document.Metadata.UnencryptedSuffix);
    }

    public string? Get(string key) => _values.FirstOrDefault(v => string.Join(":", v.Path) == key).Value;

    public void Set(string key, string value)
    {
        var index = _values.FindIndex(v => string.Join(":", v.Path) == key);
        if (index >= 0) _values[index] = (_values[index].Path, value);
        else _values.Add((key.Split(':'), value));
    }

    public bool Delete(string key) => _values.RemoveAll(v => string.Join(":", v.Path) == key) > 0;

    /// <summary>Wraps the data key for one more recipient (an <c>age1…</c> public key); false if it is there already.</summary>
    public bool AddRecipient(string recipient)
    {
        if (!recipient.StartsWith("age1", StringComparison.Ordinal)) throw new SecretsException($"'{recipient}' is not an age recipient (age1…)");
        if (_stanzas.Any(s => s.Recipient == recipient)) return false;
        _stanzas.Add(new AgeStanza(recipient, AgeTool.Encrypt(_dataKey, recipient)));
        return true;
    }

    public void Save(string path, DateTimeOffset now)
    {
        if (_stanzas.Count == 0) throw new SecretsException("a secrets file needs at least one recipient");
        var lastModified = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        using var mac = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var entries = new List<SopsEntry>();
        foreach (var (keys, value) in _values)
        {
            mac.AppendData(Encoding.UTF8.GetBytes(value));
            entries.Add(new SopsEntry(keys, IsUnencrypted(keys, _unencryptedSuffix) ? value : SopsValue.Encrypt(value, _dataKey, SopsValue.PathOf(keys))));
        }
        var encryptedMac = SopsValue.Encrypt(Convert.ToHexString(mac.GetHashAndReset()), _dataKey, lastModified);
        var document = new SopsDocument(entries, new SopsMetadata(_stanzas, lastModified, encryptedMac, _unencryptedSuffix, SopsMetadata.FormatVersion));
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, SopsFileFormat.Write(document, SopsFileFormat.IsJson(path)));
        File.Move(temporary, full, overwrite: true);
    }

    private static bool IsUnencrypted(IEnumerable<string> path, string suffix) =>
        suffix.Length > 0 && path.Any(k => k.EndsWith(suffix, StringComparison.Ordinal));

    private static byte[] UnwrapDataKey(SopsMetadata metadata, AgeIdentity identity)
    {
        if (metadata.Age.Count == 0) throw new SecretsException("the file has no age recipients (other SOPS key types are not supported)");
        var errors = new List<string>();
        foreach (var stanza in metadata.Age)
        {
            if (AgeTool.TryDecrypt(stanza.Enc, identity.File, out var error) is { Length: 32 } key) return key;
            errors.Add(error);
        }
        throw new SecretsException(
            $"wrong key: none of the file's recipients ({string.Join(", ", metadata.Age.Select(a => a.Recipient))}) matches the age identity from {identity.Source}" +
            (errors.LastOrDefault() is { Length: > 0 } last ? $" (age: {last})" : ""));
    }
}
