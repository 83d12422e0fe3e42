using System.Security.Cryptography;

namespace MailStreams.Store;

/// <summary>
/// Content-addressed files for content too large for a stream record (a record never exceeds 1 MiB on any backend):
/// <c>blobs/ab/abcdef….blob</c> under the data directory, named by SHA-256, written once (temp file, then rename),
/// checked against the name when read. A reference is <c>sha256:&lt;hex&gt;</c>.
/// </summary>
public sealed class BlobStore(string directory)
{
    private const string Scheme = "sha256:";

    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task<string> PutAsync(byte[] content, CancellationToken ct = default)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(hex);
        if (File.Exists(path)) return Scheme + hex;
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.WriteThrough))
            await file.WriteAsync(content, ct);
        File.Move(temp, path, overwrite: true);
        return Scheme + hex;
    }

    public async Task<byte[]> GetAsync(string reference, CancellationToken ct = default)
    {
        if (!reference.StartsWith(Scheme, StringComparison.Ordinal) || reference.Length != Scheme.Length + 64
            || !reference[Scheme.Length..].All(Uri.IsHexDigit))
            throw new FormatException($"'{reference}' is not a blob reference (sha256:<64 hex digits>)");
        var hex = reference[Scheme.Length..].ToLowerInvariant();
        var path = PathOf(hex);
        if (!File.Exists(path)) throw new FileNotFoundException($"blob {reference} is missing from {Directory}", path);
        var content = await File.ReadAllBytesAsync(path, ct);
        if (Convert.ToHexStringLower(SHA256.HashData(content)) != hex)
            throw new InvalidDataException($"blob {reference} does not match its content (the file is damaged)");
        return content;
    }

    private string PathOf(string hex) => Path.Combine(Directory, hex[..2], hex + ".blob");
}
