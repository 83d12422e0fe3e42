using MailStreams.Store;


namespace MailStreams.Actors.Tests.Store;

public abstract partial class StreamStoreContract
{
    [Fact]
    public async Task A_follower_waiting_at_the_tail_is_woken_by_an_append_and_gets_records_in_order()
    {
        var store = await StoreAsync();
        var stream = Name("follow");
        await store.AppendAsync(stream, Texts("a", "b"));
        using var cts = new CancellationTokenSource();
        await using var follower = store.FollowAsync(stream, 0, cts.Token).GetAsyncEnumerator();

        Assert.True(await NextWithin(follower));
        Assert.Equal("a", BodyText(follower.Current));
        Assert.True(await NextWithin(follower));
        Assert.Equal("b", BodyText(follower.Current));

        var waiting = follower.MoveNextAsync().AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted, "the follower must wait at the tail");
        await store.AppendAsync(stream, Texts("c", "d"));
        Assert.True(await waiting.WaitAsync(Patience));
        Assert.Equal((2L, "c"), (follower.Current.SeqNum, BodyText(follower.Current)));
        Assert.True(await NextWithin(follower));
        Assert.Equal((3L, "d"), (follower.Current.SeqNum, BodyText(follower.Current)));

        for (var i = 0; i < 20; i++) await store.AppendAsync(stream, Texts($"n{i}"));
        for (var i = 0; i < 20; i++)
        {
            Assert.True(await NextWithin(follower));
            Assert.Equal((4L + i, $"n{i}"), (follower.Current.SeqNum, BodyText(follower.Current)));
        }
    }

    [Fact]
    public async Task A_follower_waits_for_a_stream_that_does_not_exist_yet()
    {
        var store = await StoreAsync();
        var stream = Name("later");
        using var cts = new CancellationTokenSource();
        await using var follower = store.FollowAsync(stream, 0, cts.Token).GetAsyncEnumerator();

        var waiting = follower.MoveNextAsync().AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        await store.AppendAsync(stream, Texts("first", "second"));
        Assert.True(await waiting.WaitAsync(Patience));
        Assert.Equal("first", BodyText(follower.Current));
        Assert.True(await NextWithin(follower));
        Assert.Equal("second", BodyText(follower.Current));
    }

    [Fact]
    public async Task Following_from_the_middle_yields_the_stored_rest_then_new_records()
    {
        var store = await StoreAsync();
        var stream = Name("middle");
        await store.AppendAsync(stream, Texts("0", "1", "2", "3", "4"));
        using var cts = new CancellationTokenSource();
        await using var follower = store.FollowAsync(stream, 3, cts.Token).GetAsyncEnumerator();

        var seen = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await NextWithin(follower));
            seen.Add(BodyText(follower.Current));
        }
        await store.AppendAsync(stream, Texts("5"));
        Assert.True(await NextWithin(follower));
        seen.Add(BodyText(follower.Current));
        Assert.Equal(["3", "4", "5"], seen);
    }

    [Fact]
    public async Task Cancelling_a_follow_ends_it_with_OperationCanceledException()
    {
        var store = await StoreAsync();
        var stream = Name("cancel");
        await store.AppendAsync(stream, Texts("a"));
        using var cts = new CancellationTokenSource();
        await using var follower = store.FollowAsync(stream, 0, cts.Token).GetAsyncEnumerator();
        Assert.True(await NextWithin(follower));

        var waiting = follower.MoveNextAsync().AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_watch_yields_the_existing_streams_then_each_new_one_once()
    {
        var store = await StoreAsync();
        await store.CreateStreamAsync(Name("inbox/a"));
        await store.AppendAsync(Name("inbox/b"), Texts("x"));
        await store.AppendAsync(Name("outbox"), Texts("x"));
        using var cts = new CancellationTokenSource();
        await using var watch = store.WatchStreamsAsync(Name("inbox/"), cts.Token).GetAsyncEnumerator();

        var names = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await NextWithin(watch));
            names.Add(watch.Current);
        }
        Assert.Equal([Name("inbox/a"), Name("inbox/b")], names);

        var waiting = watch.MoveNextAsync().AsTask();
        await store.AppendAsync(Name("inbox/b"), Texts("y"));
        await store.AppendAsync(Name("outbox2"), Texts("y"));
        await store.AppendAsync(Name("inbox/c"), Texts("first append creates it"));
        Assert.True(await waiting.WaitAsync(Patience));
        Assert.Equal(Name("inbox/c"), watch.Current);

        await store.CreateStreamAsync(Name("inbox/d"));
        Assert.True(await NextWithin(watch));
        Assert.Equal(Name("inbox/d"), watch.Current);
    }
}
