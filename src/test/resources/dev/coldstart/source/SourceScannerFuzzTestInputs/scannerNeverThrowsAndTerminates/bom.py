import with_bom
import second
