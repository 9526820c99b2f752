package io.tributary.plugins.filetail.internal;

/**
 * Where the source is in one file, in the form the agent checkpoints.
 *
 * <p>Position key: {@link FileKey#positionKey()} ({@code <dev>:<ino>}). Position value:
 * {@code <offset>/<fingerprint length>/<fingerprint crc32c, hex>}, e.g. {@code 51234/1024/9f3a2b1c}:
 * the byte offset just after the last line handed to the agent, and the fingerprint of the
 * file's first bytes when that line was read. On restart a file with that device+inode resumes
 * at {@code offset} only if it still starts with the fingerprinted bytes; otherwise the inode
 * was reused by a new file (or the content replaced) and it is read from the start.
 *
 * @param offset      next byte to read
 * @param fingerprint the file's fingerprint at that time
 */
public record FilePosition(long offset, Fingerprint fingerprint) {
    /** The encoded value. */
    public String encode() {
        return offset + suffix(fingerprint);
    }

    /** The part of the value after the offset; constant while a fingerprint does not change. */
    static String suffix(Fingerprint fp) {
        return "/" + fp.length() + "/" + Long.toHexString(fp.crc());
    }

    /** Decodes a value; {@code null} when it is not in the format above (then the file counts as never seen). */
    public static FilePosition decode(String value) {
        String[] parts = value.split("/");
        if (parts.length != 3) {
            return null;
        }
        try {
            long offset = Long.parseLong(parts[0]);
            int length = Integer.parseInt(parts[1]);
            long crc = Long.parseUnsignedLong(parts[2], 16);
            if (offset < 0 || length < 0) {
                return null;
            }
            return new FilePosition(offset, length == 0 ? Fingerprint.EMPTY : new Fingerprint(length, crc));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
