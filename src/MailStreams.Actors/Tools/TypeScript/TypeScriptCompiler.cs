using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MailStreams.Tools.TypeScript;

/// <summary>
/// Transpiles and type-checks the <c>.ts</c> files of a tools folder with the native TypeScript compiler (tsgo, shipped
/// by NuGet's Microsoft.TypeScript.MSBuild and copied next to the program as <c>tsgo/tsc</c>; no Node.js). One compiler
/// process per build; the JavaScript goes to an output folder with the same layout (plain <c>.js</c> files are copied
/// along). The tool SDK (<c>mailstreams.d.ts</c>: the folder's own, else the one shipped in <c>sdk/</c>) declares the
/// modules <c>"mailstreams"</c> and <c>"bentotools"</c>. Stateless and thread-safe.
/// </summary>
internal sealed partial class TypeScriptCompiler(string? compilerPath = null, string? sdkDeclarations = null)
{
    public const string SdkFileName = "mailstreams.d.ts";
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(2);

    private string CompilerPath { get; } = compilerPath ?? Path.Combine(AppContext.BaseDirectory, "tsgo", "tsc");
    private string SdkDeclarations { get; } = sdkDeclarations ?? Path.Combine(AppContext.BaseDirectory, "sdk", SdkFileName);

    /// <summary>True when the folder holds TypeScript sources (other than declaration files).</summary>
    public static bool IsTypeScriptFolder(string folder) => ToolFiles.Under(folder).Any(f => IsTypeScriptSource(f.Key));

    /// <summary>Compiles <paramref name="sourceFolder"/> into <paramref name="outputFolder"/> (emptied first).
    /// Type errors come back in the result, with file (relative to the folder) and line.</summary>
    public async Task<TypeScriptResult> CompileAsync(string sourceFolder, string outputFolder, CancellationToken cancellation)
    {
        sourceFolder = Path.GetFullPath(sourceFolder);
        if (Directory.Exists(outputFolder)) Directory.Delete(outputFolder, recursive: true);
        Directory.CreateDirectory(outputFolder);
        var files = ToolFiles.Under(sourceFolder)
            .Where(f => IsTypeScriptSource(f.Key) || f.Key.EndsWith(".js", StringComparison.Ordinal) || f.Key.EndsWith(".d.ts", StringComparison.Ordinal))
            .Select(f => f.Path).ToList();
        if (!files.Any(f => Path.GetFileName(f) == SdkFileName)) files.Add(SdkDeclarations);

        var start = new ProcessStartInfo(EnsureExecutable())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = sourceFolder,
        };
        foreach (var arg in new[]
                 {
                     "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2022",
                     "--strict", "--allowJs", "--skipLibCheck", "--pretty", "false", "--newLine", "lf",
                     "--allowImportingTsExtensions", "--rewriteRelativeImportExtensions",
                     "--rootDir", sourceFolder, "--outDir", Path.GetFullPath(outputFolder),
                 })
            start.ArgumentList.Add(arg);
        foreach (var file in files) start.ArgumentList.Add(file);

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the TypeScript compiler {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(CompileTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellation.IsCancellationRequested) throw;
            return new TypeScriptResult([$"the TypeScript compiler did not finish within {CompileTimeout.TotalSeconds:0} s"], watch.Elapsed);
        }
        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        var errors = Errors(output, sourceFolder);
        if (process.ExitCode != 0 && errors.Count == 0)
            errors = [$"the TypeScript compiler failed (exit {process.ExitCode}): {output.Trim()}"];
        return new TypeScriptResult(errors, watch.Elapsed);
    }

    private static bool IsTypeScriptSource(string key) =>
        (key.EndsWith(".ts", StringComparison.Ordinal) || key.EndsWith(".mts", StringComparison.Ordinal)) && !key.EndsWith(".d.ts", StringComparison.Ordinal);

    /// <summary>Every <c>error</c> line, its path made relative to the tools folder.</summary>
    private static List<string> Errors(string output, string sourceFolder) =>
        output.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => ErrorLine().IsMatch(line))
            .Select(line => line.StartsWith(sourceFolder + "/", StringComparison.Ordinal) ? line[(sourceFolder.Length + 1)..] : line)
            .ToList();

    /// <summary>The package ships the compiler as rwxr--r--: make it executable for whoever runs the daemon.</summary>
    private string EnsureExecutable()
    {
        if (!File.Exists(CompilerPath))
            throw new FileNotFoundException($"the TypeScript compiler is missing at {CompilerPath} (it is copied there by the build)");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(CompilerPath);
            const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & executable) != executable)
            {
                try { File.SetUnixFileMode(CompilerPath, mode | executable); }
                catch (UnauthorizedAccessException) when ((mode & UnixFileMode.UserExecute) != 0) { }
            }
        }
        return CompilerPath;
    }

    [GeneratedRegex(@"\(\d+,\d+\): error TS\d+:|^error TS\d+:")]
    private static partial Regex ErrorLine();
}
