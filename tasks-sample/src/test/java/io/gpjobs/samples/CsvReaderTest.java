package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Row> readAll(String text, char delimiter) throws IOException {
        List<CsvReader.Row> rows = new ArrayList<>();
        try (CsvReader r = new CsvReader(new StringReader(text), delimiter)) {
            for (CsvReader.Row row = r.next(); row != null; row = r.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void readsQuotedFieldsAndKeepsStartingLineNumbers() throws IOException {
        String csv = "\uFEFFname,x,y\n"
                + "\"Smith, J.\",1.5,2\n"
                + "\n"
                + "\"two\nlines\",3,4\n"
                + "\"say \"\"hi\"\"\", 5 , 6\n";
        List<CsvReader.Row> rows = readAll(csv, ',');
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 2, 4, 6);
        assertThat(rows.get(0).fields()).containsExactly("name", "x", "y");
        assertThat(rows.get(1).fields()).containsExactly("Smith, J.", "1.5", "2");
        assertThat(rows.get(2).fields()).containsExactly("two\nlines", "3", "4");
        assertThat(rows.get(3).fields()).containsExactly("say \"hi\"", "5", "6");
    }

    @Test
    void otherDelimitersAndEmptyFields() throws IOException {
        List<CsvReader.Row> rows = readAll("a;b;c\n1;;3\n", ';');
        assertThat(rows.get(1).fields()).containsExactly("1", "", "3");
    }

    @Test
    void unclosedQuoteNamesTheLine() {
        assertThatThrownBy(() -> readAll("a,b\n1,2\n\"open,3\n", ','))
                .isInstanceOf(IOException.class).hasMessageContaining("line 3");
    }
}
