package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What the {@link RecordIndex} keeps of one job: the fields queries filter and sort on, and the identity of the
 * {@code record.json} they were taken from, in 88 bytes and no other object of its own (the job id as two longs,
 * instants as second and nano fields, the status in four bits, the service's {@link Shelf} shared, the owner
 * interned). The full record stays on disk.
 *
 * <p>The job id, service and submitted time never change for a slot (they place it in the index's order); the
 * other fields change as the record does. Writers hold the slot's monitor; {@link #sameFile} does too, so a
 * refresh never trusts a half-written file identity. The status, a settled bit and the refresh mark share one
 * int, so an update and a refresh never overwrite each other's bits. Queries read the fields without the
 * monitor: a job being updated at that instant may be filtered on a mix of its two states, which is why a query
 * checks the record it reads from disk again. While its JVM is the directory's only writer, the slot also keeps the
 * version the store last wrote ({@link #writtenIn}), so that an update need not read the file to check it.
 */
final class JobSlot {

    /** Index order: submitted time, then job id (the order of {@code JobQuery}). */
    static final Comparator<JobSlot> ORDER = JobSlot::compare;

    private static final JobStatus[] STATUSES = JobStatus.values();
    private static final int STATUS_BITS = 0xF;
    private static final int SETTLED = 0x10;
    private static final int SEEN_SHIFT = 5;
    private static final int SEEN_BITS = 0x3 << SEEN_SHIFT;
    /** Restored from an index snapshot and not read from its file since (cleared by {@link #set}). */
    private static final int RESTORED = 0x80;
    /** Created by this store without inputs (inputs never change after the create; kept by {@link #set}). */
    private static final int NO_INPUTS = 0x100;
    /** In {@link #written}: in that epoch the job is known to have no results folder. */
    private static final long NO_RESULTS = 1L << 31;
    /** The largest version {@link #written} can hold. */
    private static final long MAX_WRITTEN = NO_RESULTS - 1;

    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** {@link #modified} of a slot that does not know its file's identity. */
    private static final long UNKNOWN = Long.MIN_VALUE;

    static {
        if (STATUSES.length > STATUS_BITS + 1) {
            throw new ExceptionInInitializerError("more job statuses than the index has bits for");
        }
    }

    final long idHigh;
    final long idLow;
    final long submittedSecond;
    final int submittedNano;
    final Shelf shelf;

    // what queries filter on; written under the monitor, read without it by queries
    private String owner;
    private long updatedSecond;
    private int updatedNano;
    // the identity of the file the fields were taken from
    private long modified;
    private int size;
    private int fileKey;
    /** The status ordinal (bits 0-3), the settled bit, the {@link #seen()} mark (bits 5-6), the restored bit. */
    private int flags;
    /**
     * The sole epoch (high int), the {@link #NO_RESULTS} bit and the version (low 31 bits) of this store's last
     * write; written holding the job lock, read by refreshes without it.
     */
    private volatile long written;

    private JobSlot(long idHigh, long idLow, long submittedSecond, int submittedNano, Shelf shelf) {
        this.idHigh = idHigh;
        this.idLow = idLow;
        this.submittedSecond = submittedSecond;
        this.submittedNano = submittedNano;
        this.shelf = shelf;
    }

    /** A new slot for {@code r}, read from or written to a file with attributes {@code a}. */
    static JobSlot of(JobRecord r, Shelf shelf, BasicFileAttributes a) {
        String id = r.jobId();
        JobSlot s = new JobSlot(hex(id, 1), hex(id, 17), r.submitted().getEpochSecond(), r.submitted().getNano(),
                shelf);
        s.set(r, a);
        return s;
    }

    /**
     * Writes what {@link #read} needs to restore this slot in another process: the id, service, submitted time,
     * status, owner, updated time and the identity of the file the slot was taken from.
     */
    synchronized void write(DataOutput out) throws IOException {
        out.writeUTF(shelf.name());
        out.writeLong(idHigh);
        out.writeLong(idLow);
        out.writeLong(submittedSecond);
        out.writeInt(submittedNano);
        out.writeByte(flags & STATUS_BITS);
        out.writeBoolean(owner != null);
        if (owner != null) {
            out.writeUTF(owner);
        }
        out.writeLong(updatedSecond);
        out.writeInt(updatedNano);
        out.writeLong(modified);
        out.writeInt(size);
        out.writeInt(fileKey);
    }

    /**
     * Reads a slot written by {@link #write}, placing it on the shelf {@code shelves} returns for its service.
     *
     * @throws IOException when the input ends early or holds a status this version does not know
     */
    static JobSlot read(DataInput in, java.util.function.Function<String, Shelf> shelves) throws IOException {
        Shelf shelf = shelves.apply(in.readUTF());
        JobSlot s = new JobSlot(in.readLong(), in.readLong(), in.readLong(), in.readInt(), shelf);
        int bits = in.readByte();
        if ((bits & STATUS_BITS) >= STATUSES.length) {
            throw new IOException("unknown status " + (bits & STATUS_BITS));
        }
        s.owner = in.readBoolean() ? in.readUTF().intern() : null;
        s.updatedSecond = in.readLong();
        s.updatedNano = in.readInt();
        s.modified = in.readLong();
        s.size = in.readInt();
        s.fileKey = in.readInt();
        // Trusted as settled: only finished jobs are saved, and the record of a finished job is replaced only by a
        // write of another length (Deleting, an added message), so a file of the same identity is the same record.
        s.flags = (bits & STATUS_BITS) | SETTLED | RESTORED;
        return s;
    }

    /** Whether this slot was restored from a snapshot and its record not read since (see {@link IndexSnapshot}). */
    synchronized boolean restored() {
        return (flags & RESTORED) != 0;
    }

    /** A key to look a job up by id (equal to the slot of that job). */
    static JobSlot key(String jobId) {
        return new JobSlot(hex(jobId, 1), hex(jobId, 17), 0, 0, null);
    }

    /** A bound in index order: before every job submitted at {@code t} or later. */
    static JobSlot bound(Instant t) {
        return new JobSlot(0, 0, t.getEpochSecond(), t.getNano(), null);
    }

    /** Whether {@code r} keeps this slot's place: same service and submitted time. */
    boolean fits(JobRecord r) {
        return r.serviceName().equals(shelf.name()) && r.submitted().getEpochSecond() == submittedSecond
                && r.submitted().getNano() == submittedNano;
    }

    /**
     * Takes the filter fields of {@code r} and the identity of its file, or, when {@code a} is null (a file this
     * store has just written: its identity would not be trusted for a second anyway, see {@link #sameFile}), marks
     * the identity unknown until the next read of the file. (A slot restored from a snapshot is trusted without its
     * identity, see {@link RecordIndex}; the identity saved with it is that of the last read.)
     */
    synchronized void set(JobRecord r, BasicFileAttributes a) {
        if (!Objects.equals(owner, r.owner())) {
            owner = r.owner() == null ? null : r.owner().intern(); // one copy per owner name, however many jobs
        }
        updatedSecond = r.updated().getEpochSecond();
        updatedNano = r.updated().getNano();
        flags = (flags & (SEEN_BITS | NO_INPUTS)) | r.status().ordinal();
        if (a == null) {
            modified = UNKNOWN;
            size = -1;
            fileKey = 0;
        } else {
            identity(a);
        }
    }

    private void identity(BasicFileAttributes a) {
        long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        modified = RecordFile.nanos(a);
        size = (int) Math.min(Integer.MAX_VALUE, a.size());
        fileKey = a.fileKey() == null ? 0 : a.fileKey().hashCode();
        flags = (flags & ~SETTLED) | (now - modified > SETTLE_NANOS ? SETTLED : 0);
    }

    /**
     * Notes that this store wrote version {@code version} of the record in the sole epoch {@code epoch} (0: while
     * sharing the directory, which forgets the note). What was known of the results in the same epoch is kept.
     * Called holding the job's lock.
     */
    void written(int epoch, long version) {
        long keep = epoch > 0 && (int) (written >>> 32) == epoch ? written & NO_RESULTS : 0;
        written = epoch > 0 && version > 0 && version <= MAX_WRITTEN ? ((long) epoch << 32) | keep | version : 0;
    }

    /**
     * The version this store wrote last in the sole epoch {@code epoch}, or -1 when it wrote none in that epoch
     * (see {@link WriterMode}). Writers call it holding the job's lock; a refresh calls it without, to learn whether
     * the file still holds what this slot holds (positive: it does as long as the epoch lasts).
     */
    long writtenIn(int epoch) {
        return epoch > 0 && (int) (written >>> 32) == epoch ? written & MAX_WRITTEN : -1;
    }

    /**
     * Notes whether the job has no results folder, when this store wrote the record in the sole epoch
     * {@code epoch} (otherwise nothing is noted). Called holding the job's lock.
     */
    void noResults(int epoch, boolean none) {
        if (writtenIn(epoch) > 0) {
            written = none ? written | NO_RESULTS : written & ~NO_RESULTS;
        }
    }

    /** Whether, in the sole epoch {@code epoch}, the job is known to have no results folder. Holding the job lock. */
    boolean noResultsIn(int epoch) {
        return writtenIn(epoch) > 0 && (written & NO_RESULTS) != 0;
    }

    /** Notes that the job was created without inputs. */
    synchronized void noInputs() {
        flags |= NO_INPUTS;
    }

    /** Whether the job was created by this store without inputs (a miss only costs a look at the folder). */
    synchronized boolean hasNoInputs() {
        return (flags & NO_INPUTS) != 0;
    }

    /** The refresh mark: which of two alternating refreshes last saw the file, or {@link RecordIndex#PUT}. */
    synchronized int seen() {
        return (flags & SEEN_BITS) >>> SEEN_SHIFT;
    }

    /** Sets the refresh mark (0..3). */
    synchronized void seen(int mark) {
        flags = (flags & ~SEEN_BITS) | (mark << SEEN_SHIFT);
    }

    /** {@link #sameFile}, marking the slot seen by refresh {@code mark} when it is. */
    synchronized boolean sameFileSeen(BasicFileAttributes a, int mark) {
        if (!sameFile(a)) {
            return false;
        }
        seen(mark);
        return true;
    }

    /**
     * Whether the file is still the one this slot was taken from. File times are coarse (a few ms) and inode
     * numbers are reused, so two quick replacements can look identical; a slot taken within a second of its
     * file's modification is therefore never trusted, and the file is read again. The file key is compared by its
     * hash (on Unix: device and inode folded to an int), which with the time and size to the nanosecond and byte
     * leaves no practical doubt.
     */
    synchronized boolean sameFile(BasicFileAttributes a) {
        return (flags & SETTLED) != 0 && modified == RecordFile.nanos(a) && size == a.size()
                && fileKey == (a.fileKey() == null ? 0 : a.fileKey().hashCode());
    }

    String jobId() {
        HexFormat hex = HexFormat.of();
        return "j" + hex.toHexDigits(idHigh) + hex.toHexDigits(idLow);
    }

    JobStatus status() {
        return STATUSES[flags & STATUS_BITS];
    }

    String owner() {
        return owner;
    }

    /** Whether the last update was before the instant {@code second}, {@code nano}. */
    boolean updatedBefore(long second, int nano) {
        return updatedSecond < second || (updatedSecond == second && updatedNano < nano);
    }

    private static int compare(JobSlot a, JobSlot b) {
        int c = Long.compare(a.submittedSecond, b.submittedSecond);
        if (c == 0) {
            c = Integer.compare(a.submittedNano, b.submittedNano);
        }
        if (c == 0) {
            c = Long.compareUnsigned(a.idHigh, b.idHigh); // fixed-width lowercase hex sorts like its value
        }
        return c != 0 ? c : Long.compareUnsigned(a.idLow, b.idLow);
    }

    private static long hex(String id, int from) {
        return Long.parseUnsignedLong(id, from, from + 16, 16);
    }

    /** Equal when the job ids are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof JobSlot s && s.idHigh == idHigh && s.idLow == idLow;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(idHigh * 31 + idLow);
    }

    @Override
    public String toString() {
        return jobId();
    }
}
