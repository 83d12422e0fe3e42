using System.Diagnostics;
using MailStreams.Tools.TypeScript;
using Microsoft.Extensions.Logging;

namespace MailStreams.Tools;

/// <summary>
/// Decides whether a tools version may go live: TypeScript is transpiled and type-checked (into a scratch folder
/// under <paramref name="buildRoot"/>, removed once loaded), the package is loaded in fresh engines, and every
/// <c>$TESTS</c> case is run. Nothing is activated here: the caller (the tool sync actor, the start-up, or
/// <c>mailstreams tools test</c>) gets a <see cref="ToolCandidate"/> with the package or the reasons against it.
/// Stateless; builds of different revisions may run side by side.
/// </summary>
internal sealed class ToolActivationGate(ToolInvoker invoker, TypeScriptCompiler compiler, string buildRoot, ILogger logger)
{
    public async Task<ToolCandidate> PrepareAsync(string folder, string revision, CancellationToken cancellation)
    {
        var transpile = TimeSpan.Zero;
        var loadFrom = folder;
        string? build = null;
        try
        {
            if (!Directory.Exists(folder))
                return Rejected(revision, [$"tools folder '{folder}' does not exist"], transpile);
            if (TypeScriptCompiler.IsTypeScriptFolder(folder))
            {
                build = Path.Combine(buildRoot, $"{revision[..Math.Min(revision.Length, 40)]}-{Guid.NewGuid().ToString("N")[..8]}");
                var compiled = await compiler.CompileAsync(folder, build, cancellation).ConfigureAwait(false);
                transpile = compiled.Elapsed;
                if (!compiled.Succeeded)
                    return Rejected(revision, compiled.Errors.Select(e => "type error: " + e).ToList(), transpile);
                loadFrom = build;
            }

            var watch = Stopwatch.StartNew();
            ToolPackage package;
            try
            {
                package = await ToolPackage.LoadAsync(loadFrom, invoker.Limits, logger: logger, cancellation: cancellation).ConfigureAwait(false);
            }
            catch (ToolLoadException e)
            {
                return Rejected(revision, [e.Message], transpile);
            }
            var load = watch.Elapsed;

            watch.Restart();
            var tests = await new ToolTestRunner(invoker).RunAsync(package, cancellation).ConfigureAwait(false);
            var testRun = watch.Elapsed;
            var failures = tests.Where(t => !t.Passed).Select(t => $"$TESTS failed: {t.Name}: {t.Message}").ToList();
            return failures.Count > 0
                ? new ToolCandidate(revision, null, failures, tests, transpile, load, testRun)
                : new ToolCandidate(revision, package.WithRevision(revision), [], tests, transpile, load, testRun);
        }
        finally
        {
            if (build is not null) TryDelete(build);
        }
    }

    private static ToolCandidate Rejected(string revision, IReadOnlyList<string> problems, TimeSpan transpile) =>
        new(revision, null, problems, [], transpile, TimeSpan.Zero, TimeSpan.Zero);

    private void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning("Could not remove the tools build folder {Folder}: {Error}", folder, e.Message);
        }
    }
}
