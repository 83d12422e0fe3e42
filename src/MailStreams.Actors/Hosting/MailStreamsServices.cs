using MailStreams.Ingress;
using MailStreams.Ingress.Svix;
using MailStreams.Mail;
using MailStreams.Pipeline;
using MailStreams.Sending;
using MailStreams.Sending.Resend;
using MailStreams.Store;
using MailStreams.Store.Embedded;
using MailStreams.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MailStreams.Hosting;

/// <summary>
/// Composes the daemon's services from <see cref="MailStreamsOptions"/>: the embedded store and dedupe index in the
/// data directory, the tools folder, routing, loop guard and reply building, the sender (Resend with an API key,
/// .eml files without), the ingresses, and the actors.
/// </summary>
public static class MailStreamsServices
{
    public static IServiceCollection AddMailStreams(this IServiceCollection services, MailStreamsOptions options)
    {
        Directory.CreateDirectory(options.DataDirectory);
        services.AddSingleton(options);
        services.AddSingleton<IStreamStore>(_ => StreamStoreFactory.Create(options));
        services.AddSingleton(_ => new DedupeIndex(options.FullPath("state.db")));
        var limits = new ToolLimits { Timeout = options.Pipeline.ToolTimeout };
        services.AddMailStreamsTools(options, limits);
        services.AddSingleton(sp => new MimeEmailParser(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ResendEmailMapper(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new InboxRouter(new InboxRouterOptions { Domains = options.Domains }));
        services.AddSingleton(sp => new InboxReplayer(sp.GetRequiredService<IStreamStore>(), sp.GetRequiredService<InboxPipelineServices>()));
        services.AddSingleton(sp => new MailStreams.DeadLetters.DeadLetterDesk(sp.GetRequiredService<IStreamStore>()));
        services.AddSingleton(_ => new LoopGuard(new LoopGuardOptions { Domains = options.Domains, OwnMessageIdDomains = options.LoopGuard.MessageIdDomains }));
        services.AddSingleton(sp => new OutboxReplyBudget(sp.GetRequiredService<IStreamStore>(),
            new ReplyBudget(options.LoopGuard.BudgetWindow, options.LoopGuard.RepliesPerSender, options.LoopGuard.RepliesPerThread),
            options.LoopGuard.BudgetWindow, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new ReplyBuilder(new ReplyBuilderOptions { BaseDomain = options.PrimaryDomain }));
        services.AddSingleton(sp => new InboxPipelineServices(
            sp.GetRequiredService<IStreamStore>(), sp.GetRequiredService<ActiveTools>(), sp.GetRequiredService<ToolInvoker>(),
            sp.GetRequiredService<LoopGuard>(), sp.GetRequiredService<ReplyBuilder>(), options.Pipeline,
            sp.GetRequiredService<OutboxReplyBudget>(), sp.GetRequiredService<BlobStore>()));

        var resend = string.IsNullOrEmpty(options.Resend.ApiKey)
            ? null
            : new ResendClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, ResendOptionsOf(options.Resend));
        services.AddSingleton<IMailSender>(_ => resend ?? (IMailSender)new FileMailSender(options.FullPath("sent")));

        services.AddSingleton(_ => new BlobStore(options.FullPath("blobs")));
        services.AddSingleton(sp => new InboxWriter(sp.GetRequiredService<IStreamStore>(), sp.GetRequiredService<DedupeIndex>(),
            sp.GetRequiredService<BlobStore>(), options.Store.BlobThresholdBytes));
        services.AddSingleton(sp => new MailIntake(sp.GetRequiredService<IStreamStore>(), sp.GetRequiredService<InboxWriter>(),
            sp.GetRequiredService<InboxRouter>(), sp.GetRequiredService<ActiveTools>(), options.RoutesOnlyToTools));
        services.AddSingleton(sp => new ResendContentFetcher(resend, sp.GetRequiredService<ResendEmailMapper>(), sp.GetRequiredService<MailIntake>(),
            sp.GetRequiredService<IStreamStore>(), sp.GetRequiredService<DedupeIndex>(), options.Resend));
        services.AddSingleton(sp => new WebhookEndpointState(options.Resend.WebhookSecret is { Length: > 0 } secret
            ? new ResendWebhookIngress(new SvixVerifier(secret.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
                sp.GetRequiredService<IStreamStore>(), sp.GetRequiredService<DedupeIndex>())
            : null));
        return services.AddMailStreamsActors(options);
    }

    /// <summary>A relative tools folder is looked up in the working directory, then next to the program.</summary>
    public static string ResolveToolsDirectory(string configured)
    {
        if (Path.IsPathRooted(configured) || Directory.Exists(configured)) return Path.GetFullPath(configured);
        var besideProgram = Path.Combine(AppContext.BaseDirectory, configured);
        return Directory.Exists(besideProgram) ? besideProgram : Path.GetFullPath(configured);
    }

    private static ResendOptions ResendOptionsOf(ResendSettings s) => new()
    {
        BaseUrl = s.BaseUrl,
        ApiKey = s.ApiKey!,
        RequestTimeout = s.RequestTimeout,
    };
}

/// <summary>The Resend webhook ingress, or null when no webhook secret is configured (the endpoint then says so).</summary>
internal sealed record WebhookEndpointState(ResendWebhookIngress? Ingress);
