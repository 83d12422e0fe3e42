using Akka.Hosting;
using MailStreams.Tools;
using MailStreams.Tools.Git;
using MailStreams.Tools.Sync;
using MailStreams.Tools.TypeScript;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MailStreams.Hosting;

/// <summary>
/// The tools lifecycle's services: the invoker, the activation gate (TypeScript, load, $TESTS), the source (the Git
/// clone in <c>&lt;data&gt;/tools-repo</c> when <see cref="ToolsSettings.Repository"/> is set, else the tools folder),
/// the first activation at start, and the tool sync actor that owns every later one.
/// </summary>
public static class ToolServices
{
    internal static IServiceCollection AddMailStreamsTools(this IServiceCollection services, MailStreamsOptions options, ToolLimits limits)
    {
        services.AddSingleton(sp => new ToolInvoker(limits, sp.GetRequiredService<ILogger<ToolInvoker>>()));
        services.AddSingleton(sp => new ToolActivationGate(sp.GetRequiredService<ToolInvoker>(), new TypeScriptCompiler(),
            options.FullPath("tools-build"), sp.GetRequiredService<ILogger<ToolActivationGate>>()));
        services.AddSingleton<IToolSource>(_ => CreateSource(options));
        services.AddSingleton(sp => new ToolSyncer(sp.GetRequiredService<IToolSource>(), sp.GetRequiredService<ToolActivationGate>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new ToolsStatusBoard(ToolsStatus.Initial));
        services.AddSingleton(sp => ToolStartup.Activate(sp.GetRequiredService<ToolSyncer>(), sp.GetRequiredService<ToolsStatusBoard>(),
            sp.GetRequiredService<ILogger<ToolSyncer>>()));
        return services;
    }

    /// <summary>Starts the tool sync actor (timer, webhook and CLI syncs, watch mode), registered as <see cref="ToolSyncActor"/>.</summary>
    internal static AkkaConfigurationBuilder WithToolSync(this AkkaConfigurationBuilder builder, IServiceProvider sp, MailStreamsOptions options) =>
        builder.WithActors((system, registry) => registry.Register<ToolSyncActor>(system.ActorOf(ToolSyncActor.Props(
            sp.GetRequiredService<ToolSyncer>(), sp.GetRequiredService<ActiveTools>(), sp.GetRequiredService<ToolsStatusBoard>(),
            options.Tools.FromGit ? options.Tools.SyncInterval : TimeSpan.Zero), ToolSyncActor.Name)));

    private static IToolSource CreateSource(MailStreamsOptions options)
    {
        var tools = options.Tools;
        if (!tools.FromGit)
            return new FolderToolSource(MailStreamsServices.ResolveToolsDirectory(options.ToolsDirectory), tools.Watch);
        var location = ToolsRepositoryLocation.Parse(tools.Repository!, tools.Branch, tools.Path);
        return new GitToolSource(new GitToolsRepository(location, options.FullPath("tools-repo"), tools.Token, tools.TokenUser));
    }
}
