using System.Text;
using MailStreams.Store;


namespace MailStreams.Actors.Tests.Store;

public abstract partial class StreamStoreContract
{
    [Fact]
    public async Task Sequence_numbers_start_at_zero_and_are_dense()
    {
        var store = await StoreAsync();
        var stream = Name("dense");
        var first = await store.AppendAsync(stream, Texts("a"));
        var second = await store.AppendAsync(stream, Texts("b", "c"));
        var third = await store.AppendAsync(stream, Texts("d"));

        Assert.Equal((0L, 1L), (first.Start.SeqNum, first.End.SeqNum));
        Assert.Equal((1L, 3L), (second.Start.SeqNum, second.End.SeqNum));
        Assert.Equal((3L, 4L), (third.Start.SeqNum, third.End.SeqNum));
        var batch = await store.ReadAsync(stream, 0);
        Assert.Equal([0L, 1L, 2L, 3L], batch.Records.Select(r => r.SeqNum));
        Assert.Equal(["a", "b", "c", "d"], batch.Records.Select(BodyText));
        Assert.Equal(4, batch.Tail.SeqNum);
    }

    [Fact]
    public async Task Timestamps_never_decrease_and_the_tail_carries_the_last_one()
    {
        var store = await StoreAsync();
        var stream = Name("time");
        for (var i = 0; i < 20; i++) await store.AppendAsync(stream, Texts("x", "y"));
        // A client timestamp far in the past is raised to the highest timestamp seen so far.
        await store.AppendAsync(stream, [Text("old") with { Timestamp = 1 }]);

        var batch = await store.ReadAsync(stream, 0);
        var timestamps = batch.Records.Select(r => r.Timestamp).ToList();
        Assert.Equal(41, timestamps.Count);
        Assert.All(timestamps.Zip(timestamps.Skip(1)), pair => Assert.True(pair.Item1 <= pair.Item2));
        Assert.True(timestamps[0] > 1_600_000_000_000, "timestamps are milliseconds since the Unix epoch");
        Assert.Equal(timestamps[^1], batch.Tail.Timestamp);
        Assert.Equal(new StreamPosition(41, timestamps[^1]), await store.CheckTailAsync(stream));
    }

    [Fact]
    public async Task Headers_and_bodies_round_trip_byte_for_byte()
    {
        var store = await StoreAsync();
        var stream = Name("bytes");
        byte[] notUtf8 = [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x80];
        var records = new AppendRecord[]
        {
            new([], []),
            new([new RecordHeader(notUtf8, [])], notUtf8),
            new([RecordHeader.Of("x-dup", "1"), RecordHeader.Of("x-dup", "2"), new RecordHeader("x-bin"u8.ToArray(), notUtf8)], Encoding.UTF8.GetBytes("héllo ✉")),
            new([RecordHeader.Of("big", new string('v', 70_000))], new byte[200_000]),
        };
        await store.AppendAsync(stream, records);

        var read = (await store.ReadAsync(stream, 0)).Records;
        Assert.Equal(records.Length, read.Count);
        for (var i = 0; i < records.Length; i++)
        {
            Assert.Equal(records[i].Body, read[i].Body);
            Assert.Equal(records[i].Headers.Count, read[i].Headers.Count);
            for (var h = 0; h < records[i].Headers.Count; h++)
            {
                Assert.Equal(records[i].Headers[h].Name, read[i].Headers[h].Name);
                Assert.Equal(records[i].Headers[h].Value, read[i].Headers[h].Value);
            }
            Assert.Equal(records[i].MeteredBytes, read[i].MeteredBytes);
        }
        Assert.Equal("1", read[2].Header("X-DUP"));
    }

    [Fact]
    public async Task A_batch_lands_contiguously_and_the_ack_gives_start_end_and_tail()
    {
        var store = await StoreAsync();
        var stream = Name("batch");
        await store.AppendAsync(stream, Texts("before"));
        var ack = await store.AppendAsync(stream, [.. Enumerable.Range(0, 1000).Select(i => Text($"r{i}"))]);

        Assert.Equal(1, ack.Start.SeqNum);
        Assert.Equal(1001, ack.End.SeqNum);
        Assert.True(ack.Tail.SeqNum >= ack.End.SeqNum);
        var batch = await store.ReadAsync(stream, 1);
        Assert.Equal(1000, batch.Records.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"r{i}"), batch.Records.Select(BodyText));
        Assert.Equal(ack.Start.Timestamp, batch.Records[0].Timestamp);
        Assert.Equal(ack.End.Timestamp, batch.Records[^1].Timestamp);
    }

    [Fact]
    public async Task An_append_with_the_current_tail_as_match_seq_num_succeeds()
    {
        var store = await StoreAsync();
        var stream = Name("match");
        Assert.Equal(0, (await store.AppendAsync(stream, Texts("a"), matchSeqNum: 0)).Start.SeqNum);
        Assert.Equal(1, (await store.AppendAsync(stream, Texts("b", "c"), matchSeqNum: 1)).Start.SeqNum);
        Assert.Equal(3, (await store.AppendAsync(stream, Texts("d"), matchSeqNum: 3)).Start.SeqNum);
    }

    [Fact]
    public async Task An_append_with_a_stale_match_seq_num_fails_with_the_actual_tail_and_writes_nothing()
    {
        var store = await StoreAsync();
        var stream = Name("stale");
        await store.AppendAsync(stream, Texts("a", "b"));

        var mismatch = await Assert.ThrowsAsync<SeqNumMismatchException>(() => store.AppendAsync(stream, Texts("c"), matchSeqNum: 1));
        Assert.Equal(2, mismatch.ActualTail);
        Assert.Equal("seq_num_mismatch", mismatch.Code);
        Assert.Equal(2, (await store.CheckTailAsync(stream)).SeqNum);

        var onMissing = await Assert.ThrowsAsync<SeqNumMismatchException>(() => store.AppendAsync(Name("missing"), Texts("x"), matchSeqNum: 5));
        Assert.Equal(0, onMissing.ActualTail);
    }

    [Fact]
    public async Task Concurrent_appends_with_the_same_match_seq_num_let_exactly_one_win()
    {
        var store = await StoreAsync();
        var stream = Name("race");
        await store.AppendAsync(stream, Texts("seed"));
        var attempts = Enumerable.Range(0, 40).Select(i => store.AppendAsync(stream, Texts($"try{i}"), matchSeqNum: 1)).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try { await a; return -1L; }
            catch (SeqNumMismatchException e) { return e.ActualTail; }
        }));

        Assert.Single(outcomes, o => o == -1);
        Assert.All(outcomes.Where(o => o != -1), tail => Assert.Equal(2, tail));
        Assert.Equal(2, (await store.CheckTailAsync(stream)).SeqNum);
    }

    [Fact]
    public async Task Concurrent_appenders_get_dense_unique_seq_nums_and_each_batch_stays_contiguous()
    {
        var store = await StoreAsync();
        var stream = Name("concurrent");
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var acks = new List<(AppendAck Ack, int Size)>();
            for (var i = 0; i < 100; i++)
            {
                var size = 1 + (i % 3);
                acks.Add((await store.AppendAsync(stream, [.. Enumerable.Range(0, size).Select(k => Text($"{w}:{i}:{k}"))]), size));
            }
            return acks;
        })).ToList();
        var all = (await Within(Task.WhenAll(writers))).SelectMany(a => a).ToList();

        var total = all.Sum(a => a.Size);
        Assert.All(all, a => Assert.Equal(a.Size, a.Ack.End.SeqNum - a.Ack.Start.SeqNum));
        var assigned = all.SelectMany(a => Enumerable.Range((int)a.Ack.Start.SeqNum, a.Size)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, total), assigned);

        var records = new List<StreamRecord>();
        while (records.Count < total) records.AddRange((await store.ReadAsync(stream, records.Count)).Records);
        foreach (var (ack, size) in all)
        {
            var bodies = records.Skip((int)ack.Start.SeqNum).Take(size).Select(BodyText).ToList();
            var batchId = bodies[0][..bodies[0].LastIndexOf(':')];
            Assert.Equal(Enumerable.Range(0, size).Select(k => $"{batchId}:{k}"), bodies);
        }
    }
}
