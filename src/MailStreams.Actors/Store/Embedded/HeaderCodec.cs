namespace MailStreams.Store.Embedded;

/// <summary>
/// The compact binary form of a record's headers in the <c>records.headers</c> column: a varint count, then
/// for each header a varint name length, the name bytes, a varint value length and the value bytes (varints are
/// unsigned LEB128). No headers is the empty blob. Order and duplicate names are kept.
/// </summary>
internal static class HeaderCodec
{
    public static byte[] Encode(IReadOnlyList<RecordHeader> headers)
    {
        if (headers.Count == 0) return [];
        var size = VarintSize((ulong)headers.Count);
        foreach (var h in headers)
            size += VarintSize((ulong)h.Name.Length) + h.Name.Length + VarintSize((ulong)h.Value.Length) + h.Value.Length;
        var buffer = new byte[size];
        var pos = WriteVarint(buffer, 0, (ulong)headers.Count);
        foreach (var h in headers)
        {
            pos = WriteBytes(buffer, pos, h.Name);
            pos = WriteBytes(buffer, pos, h.Value);
        }
        return buffer;
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote; a malformed blob is an <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<RecordHeader> Decode(ReadOnlySpan<byte> blob)
    {
        if (blob.IsEmpty) return [];
        var pos = 0;
        var count = ReadLength(blob, ref pos);
        var headers = new RecordHeader[count];
        for (var i = 0; i < count; i++)
        {
            var name = ReadBytes(blob, ref pos);
            var value = ReadBytes(blob, ref pos);
            headers[i] = new RecordHeader(name, value);
        }
        if (pos != blob.Length) throw new InvalidDataException("header blob has trailing bytes");
        return headers;
    }

    private static int WriteBytes(byte[] buffer, int pos, byte[] bytes)
    {
        pos = WriteVarint(buffer, pos, (ulong)bytes.Length);
        bytes.CopyTo(buffer, pos);
        return pos + bytes.Length;
    }

    private static int WriteVarint(byte[] buffer, int pos, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[pos++] = (byte)value;
        return pos;
    }

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80) { value >>= 7; size++; }
        return size;
    }

    private static byte[] ReadBytes(ReadOnlySpan<byte> blob, ref int pos)
    {
        var length = ReadLength(blob, ref pos);
        if (length > blob.Length - pos) throw new InvalidDataException("header blob is truncated");
        var bytes = blob.Slice(pos, length).ToArray();
        pos += length;
        return bytes;
    }

    private static int ReadLength(ReadOnlySpan<byte> blob, ref int pos)
    {
        ulong value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (pos >= blob.Length) throw new InvalidDataException("header blob is truncated");
            var b = blob[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (value > int.MaxValue) throw new InvalidDataException("header blob has a length out of range");
                return (int)value;
            }
        }
        throw new InvalidDataException("header blob has an overlong varint");
    }
}
