namespace NeuroDeploy.Compiler.Lowering;

/// <summary>Row-compressed sparse matrix used to compose chains of linear NIR nodes; exact zeros are dropped.</summary>
internal sealed class SparseMatrix
{
    public SparseMatrix(int rows, int columns, int[] rowStart, int[] column, double[] value)
    {
        Rows = rows;
        Columns = columns;
        RowStart = rowStart;
        Column = column;
        Value = value;
    }

    public int Rows { get; }

    public int Columns { get; }

    public int[] RowStart { get; }

    /// <summary>Column of each entry, increasing within a row.</summary>
    public int[] Column { get; }

    public double[] Value { get; }

    public static SparseMatrix Identity(int size)
    {
        var rowStart = new int[size + 1];
        var column = new int[size];
        var value = new double[size];
        for (var k = 0; k < size; k++)
        {
            rowStart[k + 1] = k + 1;
            column[k] = k;
            value[k] = 1;
        }

        return new SparseMatrix(size, size, rowStart, column, value);
    }

    /// <summary>Builds a matrix from per-row entry lists (any column order, duplicates summed).</summary>
    public static SparseMatrix FromRows(int columns, List<(int Column, double Value)>[] rows)
    {
        var builder = new RowBuilder(columns);
        foreach (var row in rows)
        {
            foreach (var (col, val) in row)
            {
                builder.Add(col, val);
            }

            builder.EndRow();
        }

        return builder.Build();
    }

    /// <summary>Returns this * other.</summary>
    public SparseMatrix Multiply(SparseMatrix other)
    {
        if (Columns != other.Rows)
        {
            throw new InvalidOperationException($"cannot multiply {Rows}x{Columns} by {other.Rows}x{other.Columns}");
        }

        var builder = new RowBuilder(other.Columns);
        for (var i = 0; i < Rows; i++)
        {
            for (var p = RowStart[i]; p < RowStart[i + 1]; p++)
            {
                var j = Column[p];
                var a = Value[p];
                for (var q = other.RowStart[j]; q < other.RowStart[j + 1]; q++)
                {
                    builder.Add(other.Column[q], a * other.Value[q]);
                }
            }

            builder.EndRow();
        }

        return builder.Build();
    }

    /// <summary>Returns this + other.</summary>
    public SparseMatrix Add(SparseMatrix other)
    {
        var builder = new RowBuilder(Columns);
        for (var i = 0; i < Rows; i++)
        {
            for (var p = RowStart[i]; p < RowStart[i + 1]; p++)
            {
                builder.Add(Column[p], Value[p]);
            }

            for (var q = other.RowStart[i]; q < other.RowStart[i + 1]; q++)
            {
                builder.Add(other.Column[q], other.Value[q]);
            }

            builder.EndRow();
        }

        return builder.Build();
    }

    /// <summary>Returns y = this * x for a dense x.</summary>
    public double[] Apply(double[] x)
    {
        var y = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var sum = 0.0;
            for (var p = RowStart[i]; p < RowStart[i + 1]; p++)
            {
                sum += Value[p] * x[Column[p]];
            }

            y[i] = sum;
        }

        return y;
    }

    /// <summary>Accumulates one row at a time in a dense scratch row and emits it sorted.</summary>
    private sealed class RowBuilder
    {
        private readonly double[] _accumulator;
        private readonly bool[] _touched;
        private readonly List<int> _touchedColumns = [];
        private readonly List<int> _rowStart = [0];
        private readonly List<int> _column = [];
        private readonly List<double> _value = [];
        private readonly int _columns;

        public RowBuilder(int columns)
        {
            _columns = columns;
            _accumulator = new double[columns];
            _touched = new bool[columns];
        }

        public void Add(int column, double value)
        {
            if (!_touched[column])
            {
                _touched[column] = true;
                _touchedColumns.Add(column);
            }

            _accumulator[column] += value;
        }

        public void EndRow()
        {
            _touchedColumns.Sort();
            foreach (var col in _touchedColumns)
            {
                if (_accumulator[col] != 0)
                {
                    _column.Add(col);
                    _value.Add(_accumulator[col]);
                }

                _accumulator[col] = 0;
                _touched[col] = false;
            }

            _touchedColumns.Clear();
            _rowStart.Add(_column.Count);
        }

        public SparseMatrix Build()
        {
            return new SparseMatrix(_rowStart.Count - 1, _columns, [.. _rowStart], [.. _column], [.. _value]);
        }
    }
}
