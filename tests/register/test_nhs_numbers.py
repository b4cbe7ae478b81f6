from opendsr.register.nhs_numbers import check_digit, is_valid, test_range


def test_demo_numbers_come_from_the_999_range_and_pass_the_modulus_11_check():
    numbers = [n for n, _ in zip(test_range(), range(500), strict=False)]
    assert all(n.startswith("999") and is_valid(n) for n in numbers)
    assert len(set(numbers)) == 500


def test_a_number_with_the_wrong_check_digit_is_not_valid():
    assert is_valid("9990000018")
    assert not is_valid("9990000019")
    assert not is_valid("12345")


def test_nine_digits_whose_check_would_be_ten_make_no_number():
    # 11 - (weighted sum mod 11) == 10 means no valid NHS number exists with these nine digits.
    assert all(check_digit(f"999{n:06d}") != 10 for n in range(200))
