using System.Security.Cryptography;
using System.Text;
using Jint;
using ParsedModule = Acornima.Ast.Module;

namespace MailStreams.Tools;

/// <summary>
/// The <c>.js</c> files of a tools folder, read once and prepared (parsed) once: the prepared modules are
/// immutable and shared by every engine on every thread. Hidden folders, <c>node_modules</c> and symbolic
/// links are skipped. The version is a short SHA-256 over the relative paths and contents of all files.
/// </summary>
internal sealed class ToolSources
{
    private ToolSources(IReadOnlyDictionary<string, Prepared<ParsedModule>> modules, string version)
    {
        Modules = modules;
        Version = version;
    }

    /// <summary>Prepared modules by key (relative path with '/' separators).</summary>
    public IReadOnlyDictionary<string, Prepared<ParsedModule>> Modules { get; }

    /// <summary>The first 12 hex digits of the SHA-256 over every file.</summary>
    public string Version { get; }

    public static ToolSources Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new ToolLoadException($"tools folder '{folder}' does not exist");
        var modules = new Dictionary<string, Prepared<ParsedModule>>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, path) in JsFiles(folder).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            hash.AppendData(Encoding.UTF8.GetBytes(key + "\0" + bytes.Length + "\0"));
            hash.AppendData(bytes);
            modules[key] = Prepare(key, Encoding.UTF8.GetString(bytes));
        }
        return new ToolSources(modules, Convert.ToHexStringLower(hash.GetHashAndReset())[..12]);
    }

    private static Prepared<ParsedModule> Prepare(string key, string source)
    {
        try
        {
            return Engine.PrepareModule(source, key);
        }
        catch (ScriptPreparationException e) when (e.InnerException is Acornima.ParseErrorException syntax)
        {
            throw new ToolLoadException(
                $"syntax error in {key} at line {syntax.LineNumber}, column {syntax.Column + 1}: {syntax.Description}",
                key, syntax.LineNumber, e);
        }
        catch (Acornima.ParseErrorException syntax)
        {
            throw new ToolLoadException(
                $"syntax error in {key} at line {syntax.LineNumber}, column {syntax.Column + 1}: {syntax.Description}",
                key, syntax.LineNumber, syntax);
        }
    }

    private static IEnumerable<(string Key, string Path)> JsFiles(string root)
    {
        var pending = new Stack<(string Dir, string Prefix)>();
        pending.Push((root, ""));
        while (pending.TryPop(out var current))
        {
            foreach (var file in new DirectoryInfo(current.Dir).EnumerateFiles("*.js"))
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
}
