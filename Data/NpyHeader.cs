using System.Globalization;
using System.Text;

namespace NeuroDeploy.Data;

/// <summary>
/// The dictionary at the start of a <c>.npy</c> file, for example
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (38, 256), }</c>.
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, int[] Shape)
{
    /// <summary>Parses the header text; <paramref name="path"/> is only used in error messages.</summary>
    public static NpyHeader Parse(string text, string path)
    {
        var parser = new Parser(text, path);
        return parser.ParseDictionary();
    }

    /// <summary>Formats the header dictionary as NumPy writes it (without padding).</summary>
    public string Format()
    {
        var shape = Shape.Length switch
        {
            0 => "()",
            1 => "(" + Shape[0].ToString(CultureInfo.InvariantCulture) + ",)",
            _ => "(" + string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
        };
        var fortran = FortranOrder ? "True" : "False";
        return "{'descr': '" + Descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
    }

    /// <summary>A recursive-descent reader for the Python literal subset that NumPy headers use.</summary>
    private sealed class Parser(string text, string path)
    {
        private int _position;

        public NpyHeader ParseDictionary()
        {
            string? descr = null;
            bool? fortranOrder = null;
            int[]? shape = null;

            Expect('{');
            while (true)
            {
                SkipWhitespace();
                if (Peek() == '}')
                {
                    _position++;
                    break;
                }

                var key = ParseString();
                Expect(':');
                switch (key)
                {
                    case "descr":
                        SkipWhitespace();
                        if (Peek() is not ('\'' or '"'))
                        {
                            throw Error(
                                "a structured or nested 'descr' (record arrays are not supported; "
                                + "save a plain numeric array instead)");
                        }

                        descr = ParseString();
                        break;
                    case "fortran_order":
                        fortranOrder = ParseBoolean();
                        break;
                    case "shape":
                        shape = ParseShape();
                        break;
                    default:
                        throw Error("unknown header key '" + key + "'");
                }

                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                }
            }

            if (descr is null || fortranOrder is null || shape is null)
            {
                throw new DataFormatException(
                    $"{path}: the .npy header '{text.Trim()}' lacks one of 'descr', 'fortran_order' and 'shape'. "
                    + "Write the file with numpy.save.");
            }

            return new NpyHeader(descr, fortranOrder.Value, shape);
        }

        private string ParseString()
        {
            SkipWhitespace();
            var quote = Peek();
            if (quote is not ('\'' or '"'))
            {
                throw Error("a quoted string");
            }

            var end = text.IndexOf(quote, _position + 1);
            if (end < 0)
            {
                throw Error("a closing quote");
            }

            var value = text.Substring(_position + 1, end - _position - 1);
            _position = end + 1;
            return value;
        }

        private bool ParseBoolean()
        {
            SkipWhitespace();
            if (string.CompareOrdinal(text, _position, "True", 0, 4) == 0)
            {
                _position += 4;
                return true;
            }

            if (string.CompareOrdinal(text, _position, "False", 0, 5) == 0)
            {
                _position += 5;
                return false;
            }

            throw Error("True or False");
        }

        private int[] ParseShape()
        {
            Expect('(');
            var dimensions = new List<int>();
            while (true)
            {
                SkipWhitespace();
                if (Peek() == ')')
                {
                    _position++;
                    return [.. dimensions];
                }

                var start = _position;
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }

                // Python 2 era files may write long integers as "3L".
                var digits = text.AsSpan(start, _position - start);
                if (_position < text.Length && text[_position] == 'L')
                {
                    _position++;
                }

                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var dimension))
                {
                    throw Error("a non-negative dimension below 2^31 in 'shape'");
                }

                dimensions.Add(dimension);
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                }
                else if (Peek() != ')')
                {
                    throw Error("',' or ')' in 'shape'");
                }
            }
        }

        private void Expect(char expected)
        {
            SkipWhitespace();
            if (Peek() != expected)
            {
                throw Error("'" + expected + "'");
            }

            _position++;
        }

        private char Peek() => _position < text.Length ? text[_position] : '\0';

        private void SkipWhitespace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private DataFormatException Error(string expected)
        {
            var found = _position < text.Length
                ? "'" + text[_position..Math.Min(text.Length, _position + 20)] + "'"
                : "the end of the header";
            var message = new StringBuilder()
                .Append(path).Append(": invalid .npy header '").Append(text.Trim()).Append("': expected ")
                .Append(expected).Append(" at character ").Append(_position.ToString(CultureInfo.InvariantCulture))
                .Append(" but found ").Append(found).Append(". Write the file with numpy.save.")
                .ToString();
            return new DataFormatException(message);
        }
    }
}
