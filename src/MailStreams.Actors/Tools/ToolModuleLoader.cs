using Jint;
using Jint.Runtime.Modules;
using ParsedModule = Acornima.Ast.Module;

namespace MailStreams.Tools;

/// <summary>
/// Resolves imports between the files of one tools folder, served from modules prepared once when the package
/// was loaded (no disk access per call). Module keys are paths relative to the folder with '/' separators
/// (<c>index.js</c>, <c>lib/text.js</c>). Only relative specifiers are allowed; an extensionless one gets
/// <c>.js</c> appended; anything resolving outside the folder or to an unknown file is refused.
/// Stateless and thread-safe: one instance is shared by every engine of the package.
/// </summary>
internal sealed class ToolModuleLoader(IReadOnlyDictionary<string, Prepared<ParsedModule>> modules) : IModuleLoader
{
    public ResolvedSpecifier Resolve(string? referencingModuleLocation, ModuleRequest moduleRequest)
    {
        var key = ResolveKey(referencingModuleLocation, moduleRequest.Specifier);
        return new ResolvedSpecifier(moduleRequest, key, Uri: null, SpecifierType.RelativeOrAbsolute);
    }

    public Jint.Runtime.Modules.Module LoadModule(Engine engine, ResolvedSpecifier resolved)
    {
        var prepared = modules[resolved.Key];
        return ModuleFactory.BuildSourceTextModule(engine, prepared);
    }

    /// <summary>The module key <paramref name="specifier"/> names when imported from <paramref name="referrer"/>
    /// (null: the host importing an entry file by its key).</summary>
    public string ResolveKey(string? referrer, string specifier)
    {
        var from = referrer ?? "";
        if (referrer is not null && !specifier.StartsWith("./", StringComparison.Ordinal) && !specifier.StartsWith("../", StringComparison.Ordinal))
            throw Refuse("only relative imports ('./file' or '../dir/file') of files in the tools folder are supported", specifier, from);
        if (specifier.Contains('\\') || specifier.Contains('\0'))
            throw Refuse("the path must use '/' separators", specifier, from);

        var segments = new List<string>(from.Split('/', StringSplitOptions.RemoveEmptyEntries));
        if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); // the referrer's own file name
        foreach (var segment in specifier.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (segments.Count == 0) throw Refuse("the import leaves the tools folder", specifier, from);
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        if (segments.Count == 0) throw Refuse("the import names a folder, not a file", specifier, from);
        if (!segments[^1].Contains('.')) segments[^1] += ".js";

        var key = string.Join('/', segments);
        return modules.ContainsKey(key) ? key : throw Refuse($"no file '{key}' in the tools folder", specifier, from);
    }

    private static ModuleResolutionException Refuse(string reason, string specifier, string referrer) =>
        new(reason, specifier, referrer, null!);
}
