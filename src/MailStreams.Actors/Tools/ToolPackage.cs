using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailStreams.Tools;

/// <summary>
/// One loaded version of a tools folder: every <c>.js</c> file parsed once, the entry module evaluated once to
/// learn its exported functions (one per inbox) and its <c>$TESTS</c>. Immutable and shared by all threads;
/// each call still gets its own engine (see <see cref="ToolInvoker"/>). A new sync loads a new package.
/// </summary>
internal sealed class ToolPackage
{
    public const string DefaultEntryFile = "index.js";
    private const string TestsExport = "$TESTS";

    private ToolPackage(string folder, string entryFile, string version, ToolModuleLoader loader,
        IReadOnlyList<string> toolNames, IReadOnlyList<ToolTestCase> tests)
    {
        Folder = folder;
        EntryFile = entryFile;
        Version = version;
        Loader = loader;
        ToolNames = toolNames;
        Tests = tests;
    }

    /// <summary>The tools folder (full path).</summary>
    public string Folder { get; }

    /// <summary>The entry module's key, relative to the folder (<c>index.js</c>).</summary>
    public string EntryFile { get; }

    /// <summary>Short SHA-256 of all <c>.js</c> files: changes whenever any tool code changes.</summary>
    public string Version { get; }

    /// <summary>Exported function names, sorted: the inboxes this package has a tool for.</summary>
    public IReadOnlyList<string> ToolNames { get; }

    /// <summary>The <c>$TESTS</c> cases (empty when the entry exports none).</summary>
    public IReadOnlyList<ToolTestCase> Tests { get; }

    internal ToolModuleLoader Loader { get; }

    /// <summary>Where this version came from: the Git commit, or <see cref="Version"/> for a plain folder.
    /// Every reply record carries it (header <c>tool-version</c>).</summary>
    public string Revision { get; private init; } = "";

    /// <summary>This package labelled with the commit (or other revision) it was built from.</summary>
    public ToolPackage WithRevision(string revision) =>
        new(Folder, EntryFile, Version, Loader, ToolNames, Tests) { Revision = revision };

    /// <summary>A package without tools, for a daemon whose tools could not be loaded yet.</summary>
    public static ToolPackage Empty(string revision) =>
        new("", DefaultEntryFile, "none", new ToolModuleLoader(new Dictionary<string, Jint.Prepared<Acornima.Ast.Module>>()), [], [])
        { Revision = revision };

    public bool HasTool(string name) => ToolNames.Contains(name, StringComparer.Ordinal);

    /// <summary>Reads, parses and evaluates the folder; every problem is a <see cref="ToolLoadException"/>.</summary>
    public static async Task<ToolPackage> LoadAsync(string folder, ToolLimits? limits = null, string entryFile = DefaultEntryFile,
        ILogger? logger = null, CancellationToken cancellation = default)
    {
        limits = (limits ?? ToolLimits.Default).Validate();
        var fullFolder = Path.GetFullPath(folder);
        var (finished, package) = await ToolExecution.RunAsync(limits,
            deadline => Load(fullFolder, entryFile, limits, logger ?? NullLogger.Instance, deadline, cancellation), cancellation)
            .ConfigureAwait(false);
        return finished ? package! : throw new ToolLoadException($"loading {entryFile} did not finish within {limits.Timeout}", entryFile);
    }

    private static ToolPackage Load(string folder, string entryFile, ToolLimits limits, ILogger logger,
        CancellationToken deadline, CancellationToken cancellation)
    {
        var sources = ToolSources.Read(folder);
        var loader = new ToolModuleLoader(sources.Modules);
        string entry;
        try
        {
            entry = loader.ResolveKey(null, entryFile);
        }
        catch (ModuleResolutionException)
        {
            throw new ToolLoadException($"entry file '{entryFile}' not found in tools folder '{folder}'", entryFile);
        }

        try
        {
            using var engine = ToolEngines.Create(loader, limits, deadline, new ToolConsole(logger, "(load)", sources.Version));
            var exports = engine.Modules.Import(entry);
            var toolNames = exports.GetOwnPropertyKeys(Types.String)
                .Select(key => key.AsString())
                .Where(name => name != TestsExport && exports.Get(name).IsCallable())
                .Order(StringComparer.Ordinal)
                .ToList();
            return new ToolPackage(folder, entry, sources.Version, loader, toolNames, ReadTests(engine, exports, entry))
            {
                Revision = sources.Version,
            };
        }
        catch (ToolLoadException)
        {
            throw;
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellation);
        }
        catch (Exception e)
        {
            var failure = ToolErrors.Describe(e, $"loading {entry}", limits);
            var line = e is JavaScriptException js && js.Location.Start.Line > 0 ? js.Location.Start.Line : (int?)null;
            throw new ToolLoadException(failure.Error, (e as JavaScriptException)?.Location.SourceFile ?? entry, line, e);
        }
    }

    private static IReadOnlyList<ToolTestCase> ReadTests(Engine engine, Jint.Native.Object.ObjectInstance exports, string entry)
    {
        var tests = exports.Get(TestsExport);
        if (tests.IsUndefined()) return [];
        var json = new Jint.Native.Json.JsonSerializer(engine).Serialize(tests);
        if (!json.IsString()) throw new ToolLoadException($"{entry}: $TESTS must be an array of {{ stream, input, expected }} objects", entry);
        return ToolTestCase.ParseAll(json.AsString(), entry);
    }
}
