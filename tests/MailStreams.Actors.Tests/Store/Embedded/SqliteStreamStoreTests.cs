using MailStreams.Store;
using MailStreams.Store.Embedded;
using MailStreams.Testing;
using Microsoft.Data.Sqlite;


namespace MailStreams.Actors.Tests.Store.Embedded;

/// <summary>The contract on the SQLite store, plus what only the embedded store has: the file, WAL, group commit, the clock.</summary>
public sealed class SqliteStreamStoreTests : StreamStoreContract
{
    private readonly TempDirectory _directory = new();

    private string DatabaseFile => _directory.File("streams.db");

    protected override Task<IStreamStore> CreateStoreAsync() => Task.FromResult<IStreamStore>(new SqliteStreamStore(DatabaseFile));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Records_and_streams_survive_closing_and_reopening_the_file()
    {
        await using (var store = new SqliteStreamStore(DatabaseFile))
        {
            await store.AppendAsync("inbox/a", Texts("one", "two"));
            await store.CreateStreamAsync("empty");
        }
        await using (var reopened = new SqliteStreamStore(DatabaseFile))
        {
            Assert.Equal(["one", "two"], (await reopened.ReadAsync("inbox/a", 0)).Records.Select(BodyText));
            Assert.Equal(["empty", "inbox/a"], (await reopened.ListStreamsAsync()).Select(s => s.Name));
            Assert.Equal(2, (await reopened.AppendAsync("inbox/a", Texts("three"))).Start.SeqNum);
        }
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode()
    {
        await using var store = new SqliteStreamStore(DatabaseFile);
        await store.AppendAsync("s", Texts("x"));
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_is_refused_until_the_first_is_closed()
    {
        var first = new SqliteStreamStore(DatabaseFile);
        var refused = Assert.Throws<InvalidOperationException>(() => new SqliteStreamStore(DatabaseFile));
        Assert.Contains("already open", refused.Message);
        await first.DisposeAsync();
        await using var second = new SqliteStreamStore(DatabaseFile);
        await second.AppendAsync("s", Texts("x"));
    }

    [Fact]
    public void A_path_that_cannot_hold_a_database_is_a_clear_error()
    {
        Directory.CreateDirectory(_directory.File("a-folder"));
        var error = Assert.Throws<InvalidOperationException>(() => new SqliteStreamStore(_directory.File("a-folder")));
        Assert.Contains("cannot open the stream store", error.Message);
    }

    [Fact]
    public async Task Concurrent_appends_are_group_committed_in_fewer_transactions_than_appends()
    {
        await using var store = new SqliteStreamStore(DatabaseFile);
        await store.AppendAsync("warm-up", Texts("x"));
        var before = store.WriteTransactionCount;

        var appends = Enumerable.Range(0, 200).Select(i => store.AppendAsync($"group/{i % 5}", Texts($"{i}"))).ToList();
        await Within(Task.WhenAll(appends));

        var transactions = store.WriteTransactionCount - before;
        Assert.InRange(transactions, 1, 199);
        for (var s = 0; s < 5; s++) Assert.Equal(40, (await store.CheckTailAsync($"group/{s}")).SeqNum);
    }

    [Fact]
    public async Task Arrival_timestamps_come_from_the_clock_and_never_go_back()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        await using var store = new SqliteStreamStore(DatabaseFile, clock);
        var first = await store.AppendAsync("s", Texts("a"));
        clock.Now = DateTimeOffset.FromUnixTimeMilliseconds(900_000);
        var second = await store.AppendAsync("s", Texts("b"));
        clock.Now = DateTimeOffset.FromUnixTimeMilliseconds(1_000_500);
        var third = await store.AppendAsync("s", Texts("c"));

        Assert.Equal(1_000_000, first.Start.Timestamp);
        Assert.Equal(1_000_000, second.Start.Timestamp);
        Assert.Equal(1_000_500, third.Start.Timestamp);
        Assert.Equal(new StreamPosition(3, 1_000_500), await store.CheckTailAsync("s"));
    }

    [Fact]
    public async Task Client_timestamps_are_kept_but_capped_at_arrival()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(5_000));
        await using var store = new SqliteStreamStore(DatabaseFile, clock);
        var ack = await store.AppendAsync("s", [Text("past") with { Timestamp = 1_000 }, Text("future") with { Timestamp = 9_000 }, Text("none")]);

        Assert.Equal([1_000L, 5_000L, 5_000L], (await store.ReadAsync("s", 0)).Records.Select(r => r.Timestamp));
        Assert.Equal(1_000, ack.Start.Timestamp);
        Assert.Equal(5_000, ack.End.Timestamp);
        await Assert.ThrowsAsync<StreamStoreException>(() => store.AppendAsync("s", [Text("negative") with { Timestamp = -1 }]));
    }

    [Fact]
    public async Task A_read_beyond_the_tail_returns_an_empty_batch_with_the_tail()
    {
        await using var store = new SqliteStreamStore(DatabaseFile);
        var ack = await store.AppendAsync("s", Texts("a", "b"));
        var batch = await store.ReadAsync("s", 10);
        Assert.Empty(batch.Records);
        Assert.Equal(ack.Tail, batch.Tail);
    }

    [Fact]
    public async Task Bad_read_and_list_arguments_are_invalid()
    {
        await using var store = new SqliteStreamStore(DatabaseFile);
        await store.AppendAsync("s", Texts("a"));
        await AssertInvalid(() => store.ReadAsync("s", -1));
        await AssertInvalid(() => store.ReadAsync("s", 0, new ReadLimits(Count: -1)));
        await AssertInvalid(() => store.ReadAsync("s", 0, new ReadLimits(Bytes: -1)));
        await AssertInvalid(() => store.ListStreamsAsync(limit: 0));
        await AssertInvalid(() => store.AppendAsync("s", Texts("a"), matchSeqNum: -1));
        await AssertInvalid(() => store.AppendAsync("lone\uD800surrogate", Texts("a")));
        await AssertInvalid(() => store.AppendAsync("s", [new AppendRecord([], null!)]));
    }

    [Fact]
    public async Task Disposing_the_store_writes_queued_appends_then_ends_followers_and_watchers()
    {
        var store = new SqliteStreamStore(DatabaseFile);
        await store.AppendAsync("s", Texts("a"));
        await using var follower = store.FollowAsync("s", 1).GetAsyncEnumerator();
        await using var watch = store.WatchStreamsAsync("").GetAsyncEnumerator();
        Assert.True(await NextWithin(watch));
        var following = follower.MoveNextAsync().AsTask();
        var watching = watch.MoveNextAsync().AsTask();
        var queued = Enumerable.Range(0, 50).Select(i => store.AppendAsync("s", Texts($"{i}"))).ToList();

        await store.DisposeAsync();

        await Within(Task.WhenAll(queued));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => following.WaitAsync(Patience));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => watching.WaitAsync(Patience));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync("s", Texts("late")));
        await using var reopened = new SqliteStreamStore(DatabaseFile);
        Assert.Equal(51, (await reopened.CheckTailAsync("s")).SeqNum);
    }

    [Fact]
    public async Task Listing_by_a_non_ASCII_prefix_is_exact()
    {
        await using var store = new SqliteStreamStore(DatabaseFile);
        foreach (var name in new[] { "ü/1", "ü/2", "üx", "ý", "u", "😀a", "😀b", "😁" }) await store.CreateStreamAsync(name);
        Assert.Equal(["ü/1", "ü/2", "üx"], (await store.ListStreamsAsync("ü")).Select(s => s.Name));
        Assert.Equal(["😀a", "😀b"], (await store.ListStreamsAsync("😀")).Select(s => s.Name));
    }

    private static async Task AssertInvalid(Func<Task> action) =>
        Assert.Equal("invalid", (await Assert.ThrowsAnyAsync<StreamStoreException>(action)).Code);

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
