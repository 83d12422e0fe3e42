using Jint;

namespace MailStreams.Tools;

/// <summary>
/// Builds the sandboxed engine for one tool call or package load: strict mode, every limit set, the package's
/// module loader, no CLR access (AllowClr is never called and interop is disabled, so <c>System</c>,
/// <c>importNamespace</c> and friends do not exist). An engine is used by one thread for one call, then dropped.
/// </summary>
internal static class ToolEngines
{
    public static Engine Create(ToolModuleLoader loader, ToolLimits limits, CancellationToken cancellation, ToolConsole? console)
    {
        var engine = new Engine(options =>
        {
            options.Strict()
                .TimeoutInterval(limits.Timeout)
                .MaxStatements(limits.MaxStatements)
                .LimitMemory(limits.MemoryBytes)
                .LimitRecursion(limits.RecursionDepth)
                .RegexTimeoutInterval(limits.Timeout)
                .CancellationToken(cancellation)
                .Culture(System.Globalization.CultureInfo.InvariantCulture)
                .LocalTimeZone(TimeZoneInfo.Utc)
                .EnableModules(loader);
            options.Constraints.StackOverflowGuard = true; // backstop behind LimitRecursion
            options.Constraints.PromiseTimeout = limits.Timeout;
            options.Interop.Enabled = false;
        });
        console?.Install(engine);
        return engine;
    }
}
