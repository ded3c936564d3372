RETURN true XOR null AS a, true XOR false AS b, true XOR true AS c, false XOR false AS d
