package dev.rung.job.tables;

import dev.rung.training.checkpoint.HadoopFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes and reads one Parquet file of rows through a Hadoop {@link FileSystem}, with
 * parquet-hadoop alone (no Spark job).
 */
final class ParquetFiles {

  private ParquetFiles() {}

  /** Writes {@code rows} to a new file at {@code path}, failing if it exists. */
  static <R> void write(FileSystem fs, Path path, RowCodec<R> codec, List<R> rows)
      throws IOException {
    Configuration conf = fs.getConf() == null ? new Configuration(false) : fs.getConf();
    try (ParquetWriter<R> writer =
        new Builder<>(new FsOutputFile(fs, path), codec)
            .withConf(conf)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (R row : rows) {
        writer.write(row);
      }
    }
  }

  /**
   * Reads every row of the file at {@code path}, checking its schema version.
   *
   * @throws DamagedFileException when the file is not a readable Parquet file of the table
   */
  static <R> List<R> read(FileSystem fs, Path path, RowCodec<R> codec) throws IOException {
    try {
      return readRows(fs, path, codec);
    } catch (IOException | RuntimeException e) {
      throw new DamagedFileException(
          path,
          "cannot be read as a file of table "
              + codec.table()
              + ": "
              + DamagedFileException.firstLine(e),
          e);
    }
  }

  private static <R> List<R> readRows(FileSystem fs, Path path, RowCodec<R> codec)
      throws IOException {
    Configuration conf = fs.getConf() == null ? new Configuration(false) : fs.getConf();
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            new FsInputFile(fs, path), HadoopReadOptions.builder(conf).build())) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      int version = schemaVersion(meta.getKeyValueMetaData(), path);
      MessageType schema = meta.getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      List<R> rows = new ArrayList<>((int) Math.min(reader.getRecordCount(), 1 << 20));
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          Group record = records.read();
          try {
            rows.add(codec.read(record));
          } catch (RuntimeException e) {
            throw new IOException(
                "row " + rows.size() + " (schema version " + version + "): " + e.getMessage(), e);
          }
        }
      }
      return rows;
    }
  }

  /** The schema a file was written with, from its footer. */
  static MessageType schema(FileSystem fs, Path path) throws IOException {
    Configuration conf = fs.getConf() == null ? new Configuration(false) : fs.getConf();
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            new FsInputFile(fs, path), HadoopReadOptions.builder(conf).build())) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }

  /**
   * The schema version a file was written with: 1 when the file does not say (a file rewritten by
   * another tool), an error when it is newer than this build reads.
   */
  static int schemaVersion(Map<String, String> keyValueMetaData, Path path) throws IOException {
    String text = keyValueMetaData.get(TableSchemas.VERSION_KEY);
    if (text == null) {
      return 1;
    }
    int version;
    try {
      version = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IOException(
          path + " has " + TableSchemas.VERSION_KEY + " = '" + text + "': expected an integer", e);
    }
    if (version < 1 || version > TableSchemas.SCHEMA_VERSION) {
      throw new IOException(
          path
              + " was written with table schema version "
              + version
              + ", but this version of Rung reads versions 1 to "
              + TableSchemas.SCHEMA_VERSION
              + ": read it with a newer Rung");
    }
    return version;
  }

  private static final class Builder<R> extends ParquetWriter.Builder<R, Builder<R>> {
    private final RowCodec<R> codec;

    Builder(OutputFile file, RowCodec<R> codec) {
      super(file);
      this.codec = codec;
    }

    @Override
    protected Builder<R> self() {
      return this;
    }

    @Override
    protected WriteSupport<R> getWriteSupport(Configuration conf) {
      return new RowWriteSupport<>(codec);
    }
  }

  private static final class RowWriteSupport<R> extends WriteSupport<R> {
    private final RowCodec<R> codec;
    private RowWriter out;

    RowWriteSupport(RowCodec<R> codec) {
      this.codec = codec;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(
          codec.schema(),
          Map.of(
              TableSchemas.VERSION_KEY,
              Integer.toString(TableSchemas.SCHEMA_VERSION),
              TableSchemas.TABLE_KEY,
              codec.table()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      out = new RowWriter(recordConsumer, codec.schema());
    }

    @Override
    public void write(R row) {
      codec.write(row, out);
    }

    @Override
    public String getName() {
      return "rung";
    }
  }

  private record FsOutputFile(FileSystem fs, Path path) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return HadoopStreams.wrap(HadoopFiles.create(fs, path, false));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return HadoopStreams.wrap(HadoopFiles.create(fs, path, true));
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return path.toString();
    }
  }

  private record FsInputFile(FileSystem fs, Path path) implements InputFile {
    @Override
    public long getLength() throws IOException {
      return fs.getFileStatus(path).getLen();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      return HadoopStreams.wrap(fs.open(path));
    }
  }
}
