package dev.signet.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.core.Field;
import dev.signet.core.FieldType;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A signature's field types as Spark's: records are structs, lists and sets arrays, maps maps, enums and literals
 * strings, {@code Object} a JSON string; and the values between a Spark row and a predictor.
 */
final class SparkTypes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkTypes() {}

    /** The Spark type of an output field's values. */
    static DataType of(FieldType type, String field) {
        return switch (type.kind()) {
            case STRING, ENUM, LITERAL, ANY -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case DECIMAL -> DataTypes.createDecimalType(38, 18);
            case DATE -> DataTypes.DateType;
            case DATE_TIME, INSTANT -> DataTypes.TimestampType;
            case LIST, SET -> DataTypes.createArrayType(of(type.element().orElseThrow(), field), true);
            case MAP -> DataTypes.createMapType(DataTypes.StringType, of(type.element().orElseThrow(), field), true);
            case OPTIONAL -> of(type.element().orElseThrow(), field);
            case RECORD -> {
                List<StructField> fields = new ArrayList<>();
                for (FieldType.Component component : type.components()) {
                    fields.add(DataTypes.createStructField(component.name(), of(component.type(), field), true));
                }
                yield DataTypes.createStructType(fields);
            }
            case IMAGE, FILE -> throw new IllegalArgumentException("The output " + field + " is of type "
                    + type.pythonName() + ", which has no Spark column type");
        };
    }

    /** A predictor's value of an output field as Spark's external value for {@link #of}. */
    static Object toSpark(Object value, FieldType type) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case ENUM -> ((Enum<?>) value).name();
            case LITERAL, STRING -> value.toString();
            case ANY -> json(value);
            case INT -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case DECIMAL -> value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
            case DATE -> Date.valueOf((LocalDate) value);
            case DATE_TIME -> Timestamp.valueOf((LocalDateTime) value);
            case INSTANT -> Timestamp.from((Instant) value);
            case LIST, SET -> {
                List<Object> out = new ArrayList<>();
                for (Object element : (Collection<?>) value) {
                    out.add(toSpark(element, type.element().orElseThrow()));
                }
                yield CollectionConverters.asScala(out).toSeq(); // a Row's arrays are Scala sequences
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k),
                        toSpark(v, type.element().orElseThrow())));
                yield CollectionConverters.asScala(out);
            }
            case OPTIONAL -> value instanceof java.util.Optional<?> optional
                    ? toSpark(optional.orElse(null), type.element().orElseThrow())
                    : toSpark(value, type.element().orElseThrow());
            case RECORD -> {
                List<Object> values = type.recordValues(value);
                Object[] out = new Object[values.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = toSpark(values.get(i), type.components().get(i).type());
                }
                yield RowFactory.create(out);
            }
            case BOOLEAN -> value;
            case IMAGE, FILE -> throw new IllegalStateException("no Spark value for " + type.pythonName());
        };
    }

    /**
     * A Spark column's value as the predictor's input of the field.
     *
     * @throws IllegalArgumentException naming the column when the value can't be the field's type
     */
    static Object fromSpark(Object value, FieldType type, String column) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case STRING, LITERAL -> value.toString();
                case ENUM -> {
                    String name = value.toString();
                    for (Enum<?> constant : type.enumConstants()) {
                        if (constant.name().equals(name)) {
                            yield constant;
                        }
                    }
                    throw new IllegalArgumentException("'" + name + "' is none of "
                            + type.enumConstants().stream().map(Enum::name).toList());
                }
                case INT -> Math.toIntExact(((Number) value).longValue());
                case LONG -> ((Number) value).longValue();
                case DOUBLE -> ((Number) value).doubleValue();
                case DECIMAL -> value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
                case BOOLEAN -> (Boolean) value;
                case DATE -> value instanceof Date date ? date.toLocalDate() : (LocalDate) value;
                case DATE_TIME -> value instanceof Timestamp time ? time.toLocalDateTime() : (LocalDateTime) value;
                case INSTANT -> value instanceof Timestamp time ? time.toInstant() : (Instant) value;
                case LIST, SET -> {
                    List<Object> out = new ArrayList<>();
                    for (Object element : elements(value)) {
                        out.add(fromSpark(element, type.element().orElseThrow(), column));
                    }
                    yield type.kind() == FieldType.Kind.SET ? new java.util.LinkedHashSet<>(out) : out;
                }
                case MAP -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    Map<?, ?> map = value instanceof scala.collection.Map<?, ?> scalaMap
                            ? CollectionConverters.asJava(scalaMap) : (Map<?, ?>) value;
                    map.forEach((k, v) -> out.put(String.valueOf(k), fromSpark(v, type.element().orElseThrow(),
                            column)));
                    yield out;
                }
                case OPTIONAL -> fromSpark(value, type.element().orElseThrow(), column);
                case RECORD -> {
                    Row row = (Row) value;
                    List<Object> values = new ArrayList<>();
                    for (FieldType.Component component : type.components()) {
                        int at = row.fieldIndex(component.name());
                        values.add(fromSpark(row.get(at), component.type(), column + "." + component.name()));
                    }
                    yield type.newRecord(values);
                }
                case ANY -> value instanceof Row row ? rowAsMap(row) : value;
                case IMAGE, FILE -> throw new IllegalArgumentException(type.pythonName() + " inputs can't come "
                        + "from a column");
            };
        } catch (ClassCastException | ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The column " + column + " holds " + describe(value)
                    + ", which is not the input's type " + type.pythonName() + ": " + e.getMessage(), e);
        }
    }

    private static Iterable<?> elements(Object value) {
        if (value instanceof scala.collection.Iterable<?> seq) {
            return CollectionConverters.asJava(seq);
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        return (Iterable<?>) value;
    }

    private static Map<String, Object> rowAsMap(Row row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (StructField field : row.schema().fields()) {
            out.put(field.name(), row.get(row.fieldIndex(field.name())));
        }
        return out;
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return (text.length() > 60 ? text.substring(0, 60) + "…" : text) + " (" + value.getClass().getSimpleName()
                + ")";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** The output schema: the input's columns, then the outputs, then Signet's columns. */
    static StructType outputSchema(StructType input, List<Field> outputs, String prefix) {
        StructType schema = input;
        for (Field output : outputs) {
            String name = prefix + output.name();
            if (List.of(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException("The dataset has a column " + name + " already, which the output "
                        + output.name() + " would replace; rename the column or set outputPrefix(...)");
            }
            schema = schema.add(name, of(output.type(), output.name()), true);
        }
        for (StructField column : SignetColumns.SCHEMA.fields()) {
            if (List.of(schema.fieldNames()).contains(column.name())) {
                throw new IllegalArgumentException("The dataset has a column " + column.name() + " already; "
                        + "Signet adds it: rename the column");
            }
            schema = schema.add(column);
        }
        return schema;
    }
}
