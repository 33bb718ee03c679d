package dev.dpiqa.redistill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Training samples in a temporary file of fixed-size records, so a run over thousands of 512×512 images holds one
 * batch in memory, not the data set. Each image is decoded and seen by the teacher once; every epoch reads it back.
 * The file is deleted on {@link #close()}.
 */
public final class SampleStore implements AutoCloseable {

    private final int inputLength;
    private final int mapLength;
    private final int recordBytes;
    private final Path file;
    private final FileChannel channel;
    private int size;

    /**
     * @param inputLength floats per input (the student's C·H·W)
     * @param mapLength   floats per quality map (the student's qmap)
     */
    public SampleStore(Path directory, int inputLength, int mapLength) {
        this.inputLength = inputLength;
        this.mapLength = mapLength;
        // input, label, teacher score, has-map flag, map
        this.recordBytes = Float.BYTES * (inputLength + 3 + mapLength);
        try {
            this.file = Files.createTempFile(directory, "distill-samples", ".f32");
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a sample file in " + directory, e);
        }
    }

    public int size() {
        return size;
    }

    public void add(TrainingSample sample) {
        if (sample.input().length != inputLength || sample.teacherMap() != null && sample.teacherMap().length != mapLength) {
            throw new IllegalArgumentException("sample does not fit this store: input " + sample.input().length
                    + " (want " + inputLength + ")");
        }
        ByteBuffer record = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        record.asFloatBuffer().put(sample.input()).put(sample.label()).put(sample.teacherScore())
                .put(sample.teacherMap() == null ? 0f : 1f).put(sample.teacherMap() == null ? new float[mapLength]
                        : sample.teacherMap());
        try {
            channel.write(record, (long) size * recordBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sample to " + file, e);
        }
        size++;
    }

    public TrainingSample get(int index) {
        ByteBuffer record = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            channel.read(record, (long) index * recordBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample " + index + " from " + file, e);
        }
        var floats = record.flip().asFloatBuffer();
        float[] input = new float[inputLength];
        floats.get(input);
        float label = floats.get();
        float teacherScore = floats.get();
        boolean hasMap = floats.get() != 0f;
        float[] map = null;
        if (hasMap) {
            map = new float[mapLength];
            floats.get(map);
        }
        return new TrainingSample(input, label, teacherScore, map);
    }

    public List<TrainingSample> get(List<Integer> indices) {
        List<TrainingSample> batch = new ArrayList<>(indices.size());
        indices.forEach(i -> batch.add(get(i)));
        return batch;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // DELETE_ON_CLOSE: the temp file goes with the channel either way
        }
    }
}
