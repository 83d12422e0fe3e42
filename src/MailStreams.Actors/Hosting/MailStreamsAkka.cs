using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using MailStreams.Ingress;
using MailStreams.Outbox;
using MailStreams.Pipeline;
using MailStreams.Sending;
using MailStreams.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MailStreams.Hosting;

/// <summary>
/// The actor system of the daemon, through Akka.Hosting: HOCON defaults from <c>hocon/</c>, Akka.Persistence.Sql on a
/// SQLite file in the data directory (WAL), the explicit persistence serializer, and the three top-level actors —
/// the inbox supervisor, the outbox and the Resend content fetch — each of the last two under a backoff supervisor.
/// </summary>
public static class MailStreamsAkka
{
    public sealed class Inboxes;
    public sealed class Outbox;
    public sealed class ResendFetch;

    public static IServiceCollection AddMailStreamsActors(this IServiceCollection services, MailStreamsOptions options)
    {
        var journal = options.FullPath("akka.db");
        EnableWal(journal);
        services.AddAkka("mailstreams", (builder, sp) =>
        {
            var hocon = Path.Combine(AppContext.BaseDirectory, "hocon", "mailstreams.conf");
            if (File.Exists(hocon)) builder.AddHoconFile(hocon, HoconAddMode.Prepend);
            builder
                .ConfigureLoggers(l => l.AddLoggerFactory())
                .WithCustomSerializer("mailstreams", [typeof(IPersistedMessage)], system => new PersistenceSerializer(system))
                .WithSqlPersistence($"Data Source={journal}", ProviderName.SQLiteMS, autoInitialize: true)
                .WithToolSync(sp, options)
                .WithActors((system, registry) =>
                {
                    var store = sp.GetRequiredService<IStreamStore>();
                    var inboxes = system.ActorOf(InboxSupervisor.Props(sp.GetRequiredService<InboxPipelineServices>()), InboxSupervisor.Name);
                    var outbox = system.ActorOf(RestartWithBackoff.Props(
                        OutboxActor.Props(store, sp.GetRequiredService<IMailSender>(), options.Outbox), OutboxActor.Name, options.Pipeline), OutboxActor.Name + "-supervisor");
                    var fetch = system.ActorOf(RestartWithBackoff.Props(
                        ResendFetchActor.Props(store, sp.GetRequiredService<ResendContentFetcher>()), ResendFetchActor.Name, options.Pipeline), ResendFetchActor.Name + "-supervisor");
                    registry.Register<Inboxes>(inboxes);
                    registry.Register<Outbox>(outbox);
                    registry.Register<ResendFetch>(fetch);
                    DrainOnShutdown(system, [inboxes, fetch], outbox);
                });
        });
        return services;
    }

    /// <summary>
    /// A graceful stop (SIGTERM, Ctrl-C) first drains the inbox pipelines and the content fetch — no new records, the
    /// ones in flight finished and committed — then the outbox, so replies written meanwhile are still sent.
    /// </summary>
    private static void DrainOnShutdown(ActorSystem system, IActorRef[] producers, IActorRef outbox)
    {
        var timeout = TimeSpan.FromSeconds(9);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-mailstreams", async () =>
        {
            await Task.WhenAll(producers.Select(p => DrainAsync(system, p, timeout)));
            await DrainAsync(system, outbox, timeout);
            return Done.Instance;
        });
    }

    private static async Task DrainAsync(ActorSystem system, IActorRef actor, TimeSpan timeout)
    {
        try { await actor.Ask<PipelineProtocol.Drained>(PipelineProtocol.Drain.Instance, timeout); }
        catch (AskTimeoutException) { system.Log.Warning("{0} did not drain within {1}; its records in flight run again at the next start", actor.Path, timeout); }
    }

    /// <summary>WAL is a property of the database file: set it once before Akka opens the journal.</summary>
    private static void EnableWal(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        cmd.ExecuteNonQuery();
    }
}
