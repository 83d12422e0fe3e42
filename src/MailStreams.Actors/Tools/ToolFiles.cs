using System.Security.Cryptography;
using System.Text;

namespace MailStreams.Tools;

/// <summary>
/// The files of a tools folder as the tool runtime sees them: relative keys with '/' separators, hidden folders,
/// <c>node_modules</c> and symbolic links skipped. <see cref="Hash"/> names a folder's content (its revision when it
/// does not come from Git).
/// </summary>
internal static class ToolFiles
{
    private static readonly string[] SourceExtensions = [".js", ".mjs", ".ts", ".mts", ".json"];

    public static IEnumerable<(string Key, string Path)> Under(string root)
    {
        if (!Directory.Exists(root)) yield break;
        var pending = new Stack<(string Dir, string Prefix)>();
        pending.Push((root, ""));
        while (pending.TryPop(out var current))
        {
            foreach (var file in new DirectoryInfo(current.Dir).EnumerateFiles())
            {
                if (file.LinkTarget is null) yield return (current.Prefix + file.Name, file.FullName);
            }
            foreach (var dir in new DirectoryInfo(current.Dir).EnumerateDirectories())
            {
                if (dir.LinkTarget is null && !dir.Name.StartsWith('.') && dir.Name != "node_modules")
                    pending.Push((dir.FullName, current.Prefix + dir.Name + "/"));
            }
        }
    }

    /// <summary>The first 12 hex digits of a SHA-256 over the paths and contents of the folder's source files.</summary>
    public static string Hash(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, path) in Under(root).Where(f => SourceExtensions.Any(e => f.Key.EndsWith(e, StringComparison.Ordinal)))
                     .OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            hash.AppendData(Encoding.UTF8.GetBytes(key + "\0" + bytes.Length + "\0"));
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
